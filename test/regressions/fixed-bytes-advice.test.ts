// README and exportToFile's error said to wrap fixed bytes as `Readable.from([Buffer.from(text)])`, an
// object-mode stream that exportToFile itself refuses; the advice now gives a byte stream (#18).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exportToFile } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

let dir: string;
beforeEach(async () => {
  dir = tempDir('rowport-advice-').dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ADVICE = 'Readable.from([Buffer.from(text)], { objectMode: false })';

it('the error message advises a wrapping that exportToFile accepts, and it writes the bytes', async () => {
  const path = join(dir, 'note.txt');
  await expect(exportToFile('hello' as never, path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(ADVICE) });
  await expect(exportToFile(Buffer.from('hello') as never, path)).rejects.toMatchObject({ message: expect.stringContaining(ADVICE) });
  const text = 'hello, wörld';
  expect(await exportToFile(Readable.from([Buffer.from(text)], { objectMode: false }), path)).toMatchObject({ bytes: 13 });
  expect(await readFile(path, 'utf8')).toBe(text);
  // the old advice, an object-mode stream, is what exportToFile refuses
  await expect(exportToFile(Readable.from([Buffer.from(text)]), path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
});

it('the docs (docs/usage.md, where README moved it) give the same wrapping', async () => {
  const readme = await readFile(new URL('../../docs/usage.md', import.meta.url), 'utf8');
  expect(readme).not.toMatch(/Readable\.from\(\[Buffer\.from\(text\)\]\)/);
  expect(readme).toContain(ADVICE);
});
