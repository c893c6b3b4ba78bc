// Issue 14, "CLI": an .xlsx input was parsed as CSV ("invalid CSV: … column header mismatch").
// A zip (XLSX) or OLE2 (XLS) workbook is recognised by its first bytes and refused as a usage
// error (exit 2), from a file or stdin, whatever --from says; nothing is written.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir();
let xlsx: Buffer;
const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
beforeAll(async () => {
  xlsx = await readAll(toXlsx([{ id: 1, name: 'Ada' }]));
  writeFileSync(tmp.path('book.xlsx'), xlsx);
  writeFileSync(tmp.path('book-named.csv'), xlsx);
  writeFileSync(tmp.path('old.xls'), xls);
});
afterAll(() => tmp.cleanup());

describe('rowport with a workbook as input', () => {
  it.each([
    ['an .xlsx file', 'book.xlsx', /XLSX/],
    ['an XLSX file named .csv', 'book-named.csv', /XLSX/],
    ['an XLS file', 'old.xls', /XLS\b/],
  ])('refuses %s with exit 2 and writes nothing', async (_name, file, kind) => {
    const out = tmp.path(`${file}.out.csv`);
    const result = await run([tmp.path(file), '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(kind);
    expect(tmp.files()).not.toContain(`${file}.out.csv`);
  });

  it.each([[[]], [['--from', 'csv']], [['--from', 'json']]])('refuses XLSX on stdin with %j', async (args) => {
    const result = await run(args, { input: xlsx });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/XLSX/);
    expect(result.stdout.length).toBe(0);
  });
});
