import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../../../src/index.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../../../helpers/xlsx.js';
import { haveTool, python } from '../../../helpers/tools.js';

afterEach(removeTempDirs);

const PY_VALIDATIONS = `
import json, sys, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    book = {'sheets': [[ws.title, ws.sheet_state] for ws in wb.worksheets], 'names': {}, 'validations': {}, 'lists': {}}
    dns = wb.defined_names
    for dn in (dns.definedName if hasattr(dns, 'definedName') else dns.values()):
        book['names'][dn.name] = dn.attr_text
    for ws in wb.worksheets:
        book['validations'][ws.title] = [
            {'type': dv.type, 'sqref': str(dv.sqref), 'f1': dv.formula1, 'f2': dv.formula2, 'op': dv.operator, 'blank': bool(dv.allow_blank),
             'prompt': dv.prompt, 'promptTitle': dv.promptTitle, 'error': dv.error, 'errorTitle': dv.errorTitle, 'style': dv.errorStyle,
             'showError': bool(dv.showErrorMessage), 'showPrompt': bool(dv.showInputMessage)}
            for dv in ws.data_validations.dataValidation]
        book['lists'][ws.title] = [[c.value for c in col] for col in ws.iter_cols()] if ws.sheet_state == 'hidden' else None
    out[path] = book
print(json.dumps(out))
`;

interface PyValidation {
  type: string;
  sqref: string;
  f1: string | null;
  f2: string | null;
  op: string | null;
  blank: boolean;
  prompt: string | null;
  promptTitle: string | null;
  error: string | null;
  errorTitle: string | null;
  style: string | null;
  showError: boolean;
  showPrompt: boolean;
}
interface PyBook {
  sheets: [string, string][];
  names: Record<string, string>;
  validations: Record<string, PyValidation[]>;
  lists: Record<string, (string | null)[][] | null>;
}

const rows = Array.from({ length: 5 }, (_, i) => ({ name: `S${i}`, status: 'present', grade: 10 + i, due: '2026-09-01', code: 'ab' }));
const LONG = Array.from({ length: 40 }, (_, i) => `Option number ${i + 1}`); // 40 × ~16 characters: past 255
const COMMAS = ['Smith, Ada', 'Say "hi"', 'plain'];

describe('validation through toXlsx / toWorkbook, read back by openpyxl', () => {
  it.runIf(haveTool('openpyxl'))('writes dropdowns, ranges, prompts and errors over the data cells', async () => {
    const dir = tempDir();
    const path = await saveTo(
      dir,
      'v.xlsx',
      toXlsx(rows as Record<string, unknown>[], {
        // a column `x` that no row has: its cells are empty, its rule still covers them
        timeZone: 'Europe/Paris',
        columns: [
          'name',
          {
            key: 'status',
            validation: {
              list: ['present', 'absent', 'excused'],
              prompt: { title: 'Attendance', message: 'Pick one\nfrom the list' },
              error: { title: 'Not a choice', message: 'Use the dropdown & pick <one>', style: 'warning' },
            },
          },
          { key: 'grade', validation: { type: 'whole', min: 0, max: 20, allowBlank: false } },
          { key: 'due', validation: { type: 'date', min: new Date('2026-09-01T00:30:00Z') } },
          { key: 'code', validation: { type: 'textLength', max: 8 } },
          { key: 'x', validation: { type: 'decimal', min: -1.5, max: 2.25 } },
        ],
      }),
    );
    const book = python<Record<string, PyBook>>(PY_VALIDATIONS, [path])[path] as PyBook;
    const [status, grade, due, code, x] = book.validations.Sheet1 as PyValidation[];
    expect(status).toMatchObject({
      type: 'list',
      sqref: 'B2:B6',
      f1: '"present,absent,excused"',
      blank: true,
      prompt: 'Pick one\nfrom the list',
      promptTitle: 'Attendance',
      error: 'Use the dropdown & pick <one>',
      errorTitle: 'Not a choice',
      style: 'warning',
      showError: true,
      showPrompt: true,
    });
    expect(grade).toMatchObject({ type: 'whole', sqref: 'C2:C6', f1: '0', f2: '20', blank: false, showError: true }); // openpyxl reads a missing showInputMessage as true
    // 2026-09-01T00:30Z is 02:30 in Paris: the whole day 2026-09-01, serial 46266.
    expect(due).toMatchObject({ type: 'date', sqref: 'D2:D6', f1: '46266', op: 'greaterThanOrEqual' });
    expect(code).toMatchObject({ type: 'textLength', sqref: 'E2:E6', f1: '8', op: 'lessThanOrEqual' });
    expect(x).toMatchObject({ type: 'decimal', sqref: 'F2:F6', f1: '-1.5', f2: '2.25' });
    expect(book.sheets).toEqual([['Sheet1', 'visible']]);
  });

  it.runIf(haveTool('openpyxl'))('keeps long lists and items with commas or quotes on one hidden sheet, by name', async () => {
    const dir = tempDir();
    const path = await saveTo(
      dir,
      'lists.xlsx',
      toWorkbook([
        { name: 'Lists', rows, columns: ['name', { key: 'status', validation: { list: LONG } }] },
        {
          name: 'B',
          rows,
          columns: [
            { key: 'status', validation: { list: COMMAS } },
            { key: 'code', validation: { list: LONG } },
          ],
        },
      ]),
    );
    const book = python<Record<string, PyBook>>(PY_VALIDATIONS, [path])[path] as PyBook;
    expect(book.sheets).toEqual([
      ['Lists', 'visible'],
      ['B', 'visible'],
      ['Lists (2)', 'hidden'],
    ]);
    expect(book.validations.Lists?.[0]).toMatchObject({ type: 'list', sqref: 'B2:B6', f1: 'RowportList1' });
    expect(book.validations.B?.map((v) => [v.sqref, v.f1])).toEqual([
      ['A2:A6', 'RowportList2'],
      ['B2:B6', 'RowportList1'],
    ]);
    expect(book.names).toEqual({ RowportList1: "'Lists (2)'!$A$1:$A$40", RowportList2: "'Lists (2)'!$B$1:$B$3" });
    const lists = book.lists['Lists (2)'] as (string | null)[][];
    expect(lists[0]).toEqual(LONG);
    expect(lists[1]?.slice(0, 3)).toEqual(COMMAS);
  });

  it.runIf(haveTool('soffice'))('opens in LibreOffice with the hidden list sheet', async () => {
    const dir = tempDir();
    const path = await saveTo(dir, 'lo-validation.xlsx', toXlsx(rows, { columns: ['name', { key: 'status', validation: { list: COMMAS } }] }));
    const sheets = convertWithLibreOffice([path])[path] as Record<string, string>;
    expect(sheets.Sheet1?.split('\n')[1]).toBe('S0,present');
    expect(sheets.Lists).toContain('"Smith, Ada"');
  });

  it('writes no rule on a sheet without data rows', async () => {
    const p = parts(await readAll(toXlsx([], { columns: [{ key: 's', validation: { list: ['a'] } }] })));
    expect(p['xl/worksheets/sheet1.xml']).not.toContain('dataValidation');
  });
});

describe('validation options, checked before the first byte', () => {
  const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
  it.each([
    [{ list: [] }, 'sheets[0].columns[0].validation.list'],
    [{ list: ['a', ''] }, 'sheets[0].columns[0].validation.list[1]'],
    [{ list: ['a', 3] }, 'sheets[0].columns[0].validation.list[1]'],
    [{ list: ['a'], lsit: 1 }, 'sheets[0].columns[0].validation.lsit'],
    [{ type: 'integer', min: 1 }, 'sheets[0].columns[0].validation.type'],
    [{ type: 'whole' }, 'sheets[0].columns[0].validation.min'],
    [{ type: 'whole', min: 1.5 }, 'sheets[0].columns[0].validation.min'],
    [{ type: 'whole', min: 5, max: 1 }, 'sheets[0].columns[0].validation.max'],
    [{ type: 'textLength', min: -1 }, 'sheets[0].columns[0].validation.min'],
    [{ type: 'date', min: '2026-13-01' }, 'sheets[0].columns[0].validation.min'],
    [{ type: 'date', max: 5 }, 'sheets[0].columns[0].validation.max'],
    [{ list: ['a'], allowBlank: 'yes' }, 'sheets[0].columns[0].validation.allowBlank'],
    [{ list: ['a'], prompt: { title: 'x'.repeat(33), message: 'm' } }, 'sheets[0].columns[0].validation.prompt.title'],
    [{ list: ['a'], prompt: { message: 'x'.repeat(256) } }, 'sheets[0].columns[0].validation.prompt.message'],
    [{ list: ['a'], error: { message: 'x'.repeat(226) } }, 'sheets[0].columns[0].validation.error.message'],
    [{ list: ['a'], error: { message: 'm', style: 'fatal' } }, 'sheets[0].columns[0].validation.error.style'],
    ['a,b', 'sheets[0].columns[0].validation'],
  ])('%j', (validation, option) => {
    expect(() => toWorkbook([{ name: 'A', rows: [], columns: [{ key: 's', validation: validation as never }] }])).toThrow(invalid(option));
  });
  it('names the option of toXlsx without a sheet', () => {
    expect(() => toXlsx([], { columns: ['a', { key: 's', validation: { list: ['a'], prompt: { message: '' } } }] })).toThrow(
      invalid('columns[1].validation.prompt.message'),
    );
  });
});
