// Issue 10, "Reading CSV": a header-only CSV piped through the CLI wrote output without the header.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readXlsxWithPython, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool } from '../helpers/tools.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('rowport with a header-only CSV input', () => {
  it.each([
    ['a header line', 'id,name,score\r\n'],
    ['a header line without a line end, after a BOM', '\uFEFFid,name,score'],
  ])('writes the header to CSV: %s', async (_name, input) => {
    const result = await run(['--from', 'csv'], { input });
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([['id', 'name', 'score']]);
  });

  it('writes the header to a .tsv file read from a .csv file', async () => {
    const out = tmp.path('header-only.tsv');
    const input = tmp.path('header-only.csv');
    writeFileSync(input, 'id,name\n');
    const result = await run([input, '-o', out]);
    expect(result.code).toBe(0);
    expect(readCsv(readFileSync(out, 'utf8'), '\t')).toEqual([['id', 'name']]);
  });

  it.runIf(haveTool('openpyxl'))('writes the header to XLSX, read back by openpyxl', async () => {
    const out = tmp.path('header-only.xlsx');
    const result = await run(['--from', 'csv', '-o', out], { input: 'id,name,score\r\n' });
    expect(result.code).toBe(0);
    expect(readXlsxWithPython(out).rows).toEqual([['id', 'name', 'score']]);
  });

  it('still writes nothing for an empty CSV input', async () => {
    const result = await run(['--from', 'csv'], { input: '' });
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([]);
  });
});
