// A header-only CSV whose header has an empty name (`id,name,` from a spreadsheet, pandas' index column)
// failed with exit 2 and "--columns: Invalid option `columns[2].key`", a flag the user never gave,
// where the same header with rows converts.
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readXlsxWithPython, runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool } from '../helpers/tools.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('rowport with a header-only CSV with an unnamed column', () => {
  it.each([
    ['a trailing empty name', 'id,name,\r\n', ['id', 'name', '']],
    ['a leading empty name (pandas)', ',a,b\n', ['', 'a', 'b']],
    ['several empty names, which share one key', 'a,,b,\n', ['a', '', 'b']],
  ])('writes the header to CSV: %s', async (_name, input, header) => {
    const { code, stdout, stderr } = await runInProcess(['--from', 'csv', '-q'], { input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readCsv(stdout.toString('utf8'))).toEqual([header]);
  });

  it('writes the header as the same header with a row does', async () => {
    const empty = await runInProcess(['--from', 'csv'], { input: 'a,,b\n' });
    const full = await runInProcess(['--from', 'csv'], { input: 'a,,b\n1,,2\n' });
    expect(readCsv(empty.stdout.toString('utf8'))[0]).toEqual(readCsv(full.stdout.toString('utf8'))[0]);
  });

  it.runIf(haveTool('openpyxl'))('writes the header to XLSX, read back by openpyxl', async () => {
    const out = tmp.path('unnamed.xlsx');
    const full = tmp.path('unnamed-full.xlsx');
    expect((await runInProcess(['--from', 'csv', '-o', out, '-q'], { input: ',id\n' })).code).toBe(0);
    expect((await runInProcess(['--from', 'csv', '-o', full, '-q'], { input: ',id\n0,7\n' })).code).toBe(0);
    expect(readXlsxWithPython(out).rows).toEqual([readXlsxWithPython(full).rows[0]]);
    expect(readXlsxWithPython(out).rows[0]?.[1]).toBe('id');
  });
});
