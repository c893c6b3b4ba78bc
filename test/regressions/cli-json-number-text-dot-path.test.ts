// A JSON number a double cannot hold, nested and picked by a `--columns` dot path (`order.amount`),
// was written with its `.` under `--dialect excel-eu` and as an XLSX text cell without the
// ROWPORT_NUMBER_AS_TEXT warning: both only looked at a row's own members.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool, python } from '../helpers/tools.js';

const ROW = '{"id":1,"order":{"amount":12345678901234567.89,"fee":2.5,"parts":[1.5e400]},"dup":{"x":1.5e400,"x":"2.5e400"}}';

/** The fields of a `;` CSV, read by python's csv module. */
const fields = (csv: Buffer): string[][] =>
  python<string[][]>('import csv, json, sys, io\nprint(json.dumps(list(csv.reader(io.StringIO(json.load(sys.stdin)), delimiter=";"))))', csv.toString('utf8'));

describe.skipIf(!haveTool('python') || !haveTool('openpyxl'))('nested numbers kept as text, picked by a dot path', () => {
  it('get the decimal comma in CSV, and keep their dot inside JSON text', async () => {
    const picked = await runInProcess(['--from', 'ndjson', '--dialect', 'excel-eu', '--no-bom', '--columns', 'id,order.amount,order.fee,order.parts.0,dup.x'], {
      input: ROW,
    });
    expect(picked.code).toBe(0);
    expect(fields(picked.stdout)).toEqual([
      ['id', 'order.amount', 'order.fee', 'order.parts.0', 'dup.x'],
      ['1', '12345678901234567,89', '2,5', '1,5e400', '2.5e400'],
    ]);
    const whole = await runInProcess(['--from', 'ndjson', '--dialect', 'excel-eu', '--no-bom'], { input: ROW });
    expect(fields(whole.stdout)[1]).toEqual(['1', '{"amount":"12345678901234567.89","fee":2.5,"parts":["1.5e400"]}', '{"x":"2.5e400"}']);
  });

  it('warn in XLSX as a member does', async () => {
    const dir = tempDir();
    try {
      const path = dir.path('out.xlsx');
      const { code, stderr } = await runInProcess(['--from', 'ndjson', '-o', path, '--columns', 'id,order.amount,order.parts.0,dup.x'], { input: ROW });
      expect(code).toBe(0);
      const warnings = stderr.split('\n').filter((line) => line.includes('ROWPORT_NUMBER_AS_TEXT'));
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('column "order.amount"');
      expect(warnings[1]).toContain('column "order.parts.0"');
      const cells = python<unknown[][]>(
        'import openpyxl, json, sys\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))',
        null,
        [path],
      );
      expect(cells[1]).toEqual([1, '12345678901234567.89', '1.5e400', '2.5e400']);
      const nested = await runInProcess(['--from', 'ndjson', '-o', dir.path('nested.xlsx')], { input: ROW });
      expect(nested.stderr).not.toContain('ROWPORT_NUMBER_AS_TEXT');
    } finally {
      dir.cleanup();
    }
  });
});
