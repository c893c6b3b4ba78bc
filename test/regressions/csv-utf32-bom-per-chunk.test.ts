// toCsv with `encoding: 'utf-32'` (also utf32, ucs4) failed on plain ASCII with a misleading
// ROWPORT_UNMAPPABLE_CHARACTER: iconv-lite's encoder starts every chunk with a BOM, so no chunk
// read back as its text. base64 and hex failed the same way. Now a clear ROWPORT_INVALID_OPTION at
// the call, naming utf-32le and utf-32be, which work.
import { expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { RowportError, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

it.each(['utf-32', 'UTF32', 'ucs4', 'base64', 'hex'])('%s is refused at the call', (encoding) => {
  let error: unknown;
  try {
    toCsv([{ id: 1 }], { encoding });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RowportError);
  expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
  expect((error as RowportError).message).toContain("'utf-32le'");
});

it('utf-32le writes the text', async () => {
  const bytes = await readAll(toCsv([{ id: 1, name: 'Мария 😀' }], { encoding: 'utf-32le' }));
  expect(iconv.decode(bytes, 'utf-32le')).toBe('id,name\r\n1,Мария 😀\r\n');
});
