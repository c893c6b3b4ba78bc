// toCsv([]) wrote a lone BOM where README says nothing is written: no rows and no columns now give
// an empty output, columns with `header` give the BOM and the header line (#18).
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

describe('toCsv over an empty source', () => {
  it('writes nothing without columns, in any encoding', async () => {
    expect((await readAll(toCsv([]))).length).toBe(0);
    expect((await readAll(toCsv([], { encoding: 'utf-16le' }))).length).toBe(0);
    expect((await readAll(toCsv([], { bom: true, encoding: 'utf-8' }))).length).toBe(0);
  });

  it('writes nothing with columns and header: false', async () => {
    expect((await readAll(toCsv([], { columns: ['id'], header: false }))).length).toBe(0);
  });

  it('writes the BOM and the header line when columns are given', async () => {
    expect((await readAll(toCsv([], { columns: ['id', 'name'] }))).toString('utf8')).toBe('\uFEFFid,name\r\n');
  });

  it('gzips the empty output to an empty payload', async () => {
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(await readAll(toCsv([], { gzip: true }))).length).toBe(0);
  });
});
