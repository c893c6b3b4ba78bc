// A CSV whose header has names like years or ids (`country,2023,2022`) came out of the CLI with its
// columns reordered (`2022,2023,country`): the rows are objects, whose integer-like keys come first in
// ascending order, and the writer took its columns from the first row's keys instead of the header.
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readXlsxWithPython, runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool } from '../helpers/tools.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const INPUT = 'country,2023,2022,10,,day\nFR,1,2,3,,2024-01-15\nDE,4,5,6,,2024-01-16\n';
const ROWS = [
  ['country', '2023', '2022', '10', '', 'day'],
  ['FR', '1', '2', '3', '', '2024-01-15'],
  ['DE', '4', '5', '6', '', '2024-01-16'],
];

describe("rowport keeps a CSV header's column order", () => {
  it.each([[[]], [['--types', '2023:integer']], [['--detect-dates']]])('in CSV output, flags %j', async (flags) => {
    const { code, stdout } = await runInProcess(['--from', 'csv', '-q', ...flags], { input: INPUT });
    expect(code).toBe(0);
    expect(readCsv(stdout.toString('utf8'))).toEqual(ROWS);
  });

  it.runIf(haveTool('openpyxl'))('in XLSX output, read back by openpyxl', async () => {
    const out = tmp.path('order.xlsx');
    const { code } = await runInProcess(['--from', 'csv', '-o', out, '-q', '--types', '2022:integer'], { input: INPUT });
    expect(code).toBe(0);
    const rows = readXlsxWithPython(out).rows;
    expect(rows[0]?.slice(0, 4)).toEqual(['country', '2023', '2022', '10']);
    expect(rows[1]?.slice(0, 4)).toEqual(['FR', '1', 2, '3']);
  });

  it('in the order --columns gives, when it is given', async () => {
    const { stdout } = await runInProcess(['--from', 'csv', '-q', '--columns', '10,country'], { input: INPUT });
    expect(readCsv(stdout.toString('utf8'))).toEqual([
      ['10', 'country'],
      ['3', 'FR'],
      ['6', 'DE'],
    ]);
  });
});
