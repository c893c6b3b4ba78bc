// A lone surrogate refused in UTF-8 or UTF-16 was told to "use a Unicode encoding" (it was one) and
// that 'replace' writes '?' (it writes U+FFFD).
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

it.each(['utf-8', 'utf-16le'])('%s: the advice fits', async (encoding) => {
  const error = await readAll(toCsv([{ a: 'x\uD800' }], { encoding })).catch((e: Error) => e);
  expect((error as Error).message).toContain("unmappable: 'replace' writes U+FFFD");
  expect((error as Error).message).not.toContain('use a Unicode encoding');
});

it('a legacy encoding keeps its advice', async () => {
  const error = await readAll(toCsv([{ a: 'Ж' }], { encoding: 'latin1' })).catch((e: Error) => e);
  expect((error as Error).message).toContain('use a Unicode encoding');
});
