import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../../../src/index.js';
import { MAX_NOTES } from '../../../../src/xlsx/features/notes/notesFeature.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../../../helpers/xlsx.js';
import { PY_XML_ERRORS, haveTool, python } from '../../../helpers/tools.js';

afterEach(removeTempDirs);

const PY_NOTES = `${PY_XML_ERRORS}
import json, sys, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    out[path] = {'errors': xml_errors(path), 'sheets': {ws.title: {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment} for ws in wb.worksheets}}
print(json.dumps(out))
`;

const rows = [
  { name: 'Ada', grade: 12, late: 0 },
  { name: 'Alan', grade: 9, late: 3 },
  { name: 'Grace', grade: 17, late: 0 },
];

describe('notes through toXlsx / toWorkbook, read back by openpyxl', () => {
  it.runIf(haveTool('openpyxl'))('writes header notes and cell notes on each sheet', async () => {
    const dir = tempDir();
    const path = await saveTo(
      dir,
      'n.xlsx',
      toWorkbook([
        {
          name: 'Grades',
          rows,
          title: 'Term 1',
          columns: ['name', { key: 'grade', note: 'Out of 20 & <rounded>\nblank if absent' }],
          cellNote: (row) => (row.late > 0 ? { grade: `Handed in ${row.late} days late`, name: '' } : undefined),
        },
        { name: 'Other', rows, columns: [{ key: 'name', note: ' spaced ' }, 'grade'] },
        { name: 'None', rows },
      ]),
    );
    const book = python<Record<string, { errors: string[]; sheets: Record<string, Record<string, string>> }>>(PY_NOTES, [path])[path];
    expect(book?.errors).toEqual([]);
    expect(book?.sheets).toEqual({
      Grades: { B3: 'Out of 20 & <rounded>\nblank if absent', B5: 'Handed in 3 days late' },
      Other: { A1: ' spaced ' },
      None: {},
    });
  });

  it('writes the parts, relationships and content types every reader needs', async () => {
    const p = parts(await readAll(toXlsx(rows, { columns: [{ key: 'name', note: 'Who' }, 'grade'] })));
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<legacyDrawing r:id="rId2"\/><\/worksheet>$/);
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain('relationships/comments" Target="../comments1.xml"');
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain('relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"');
    expect(p['[Content_Types].xml']).toContain(
      'PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"',
    );
    expect(p['xl/drawings/vmlDrawing1.vml']).toContain(
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 4, 16</x:Anchor>',
    );
    expect(p['xl/drawings/vmlDrawing1.vml']).toContain('<x:Row>0</x:Row><x:Column>0</x:Column>');
  });

  it.runIf(haveTool('soffice'))('opens in LibreOffice', async () => {
    const dir = tempDir();
    const path = await saveTo(dir, 'lo-notes.xlsx', toXlsx(rows, { columns: [{ key: 'name', note: 'Who' }, 'grade'], cellNote: () => ({ grade: 'n' }) }));
    expect(convertWithLibreOffice([path])[path]?.Sheet1?.split('\n')[1]).toBe('Ada,12');
  });

  it('fails clearly past the limit, before holding more', async () => {
    const many = Array.from({ length: MAX_NOTES + 1 }, (_, i) => ({ i }));
    await expect(readAll(toXlsx(many, { cellNote: () => ({ i: 'x' }) }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: MAX_NOTES, column: 'i' });
  });

  it.each([
    [() => ({ nope: 'x' }), 'not a column'],
    [() => ({ grade: 5 }), 'not a string'],
    [() => 'x', 'must return'],
    [async () => ({ grade: 'x' }), 'Promise'],
    [
      () => {
        throw new Error('boom');
      },
      'threw: boom',
    ],
  ])('names the row of a bad cellNote() result (%s)', async (cellNote, message) => {
    await expect(readAll(toXlsx(rows, { cellNote: cellNote as never }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_VALUE',
      row: 0,
      message: expect.stringContaining(message),
    });
  });

  it.each([
    [{ columns: [{ key: 'a', note: '' }] }, 'sheets[0].columns[0].note'],
    [{ columns: [{ key: 'a', note: 5 }] }, 'sheets[0].columns[0].note'],
    [{ cellNote: 'x' }, 'sheets[0].cellNote'],
  ])('checks %j before the first byte', (options, option) => {
    expect(() => toWorkbook([{ name: 'A', rows: [], ...(options as object) }])).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) }),
    );
  });
});
