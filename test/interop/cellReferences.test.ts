import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { type ToWorkbookOptions, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { rawParts } from '../helpers/unzip.js';
import { convertWithLibreOffice, readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

// `cellReferences: false` leaves out the `r` of each cell that follows the one before it in its row.
// Every reader must see the same cells, at the same places, as with the references written.
type Row = { id: number | null; name: string | null; score: number | null; day: Date | null; ok: boolean | null; profile: string };
const ROWS: Row[] = [
  { id: 1, name: 'Ada', score: 9.5, day: new Date(Date.UTC(2024, 0, 2)), ok: true, profile: 'https://school.example/s/1' },
  { id: null, name: '', score: 3, day: null, ok: false, profile: 'https://school.example/s/2' },
  { id: 3, name: null, score: null, day: new Date(Date.UTC(2024, 0, 4)), ok: null, profile: '' },
  { id: 4, name: 'Dee', score: 7.25, day: null, ok: true, profile: 'https://school.example/s/4' },
];

function book(cellReferences: boolean) {
  const options: ToWorkbookOptions = { cellReferences, createdAt: new Date(Date.UTC(2024, 0, 1)) };
  return toWorkbook(
    [
      {
        name: 'Featured',
        rows: ROWS,
        title: 'Scores',
        columns: ['id', 'name', 'score', { key: 'day', type: 'date' }, 'ok', { key: 'profile', type: 'url' }],
        table: { totals: { id: 'count', score: 'sum' } },
        conditionalFormats: [{ type: 'colorScale', column: 'score' }],
        cellNote: (row: Row) => (row.id === 4 ? { name: 'late' } : undefined),
      },
      { name: 'Plain', rows: ROWS.map(({ id, name, score }) => ({ id, name, score })), header: false },
    ],
    options,
  );
}

describe('cellReferences: false', () => {
  it('drops the reference of a cell that follows the one before it, keeps it after an empty cell', async () => {
    const sheet = rawParts(await readAll(book(false)))['xl/worksheets/sheet2.xml'] as string;
    // Plain has no header: row 2 has only a score (an empty string is an empty cell), row 3 only an id
    expect(sheet).toContain(
      '<sheetData><row r="1"><c><v>1</v></c><c t="s"><v>0</v></c><c><v>9.5</v></c></row><row r="2"><c r="C2"><v>3</v></c></row><row r="3"><c><v>3</v></c></row>',
    );
    const featured = rawParts(await readAll(book(false)))['xl/worksheets/sheet1.xml'] as string;
    expect(featured).toContain('<c r="A3" s="'); // the header row keeps its references
    expect(featured).toContain('<row r="4"><c'); // Ada's row, under the title, a blank row and the header
    expect(featured).not.toMatch(/<c r="B4"/); // her name follows her id
  });

  it('changes nothing by default (every reference written)', async () => {
    const sheet = rawParts(await readAll(toXlsx([{ a: 1, b: 2 }])))['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<c r="A2"><v>1</v></c><c r="B2"><v>2</v></c>');
  });

  it('is refused when not a boolean, at the call', () => {
    expect(() => toXlsx([{ a: 1 }], { cellReferences: 'no' as never })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('gives SheetJS the same cells as the references do, for any sparse rows (property)', async () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.integer(), fc.string({ maxLength: 5 }), fc.boolean());
    const rows = fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(rows, async (grid) => {
        const data = grid.map((r) => ({ a: r[0], b: r[1], c: r[2], d: r[3] }));
        const [withRefs, without] = await Promise.all(
          [true, false].map(async (cellReferences) => sheetjsCells(await readAll(toXlsx(data, { cellReferences })))),
        );
        expect(without).toEqual(withRefs);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(haveTool('openpyxl'))('reads back in openpyxl as with the references: values, links, notes', async () => {
    const dir = tempDir();
    const [refs, bare] = [await saveTo(dir, 'refs.xlsx', book(true)), await saveTo(dir, 'bare.xlsx', book(false))];
    const read = readWithOpenpyxl([refs, bare]);
    expect(read[bare]?.error).toBeUndefined();
    const sheets = (path: string) => (read[path]?.sheets ?? []).map((s) => values(s));
    expect(sheets(bare)).toEqual(sheets(refs));
    expect(sheets(bare)[1]?.[1]).toEqual([null, null, 3]);
  });

  it.runIf(haveTool('soffice'))(
    'reads back in LibreOffice as with the references',
    async () => {
      const dir = tempDir();
      const [refs, bare] = [await saveTo(dir, 'lorefs.xlsx', book(true)), await saveTo(dir, 'lobare.xlsx', book(false))];
      const csv = convertWithLibreOffice([refs, bare]);
      expect(csv[bare]).toEqual(csv[refs]);
      expect(csv[bare]?.Plain).toContain('\n,,3\n');
    },
    300_000,
  );
});

/** Every cell SheetJS reads (an independent reader that infers a missing reference), with its address. */
function sheetjsCells(bytes: Buffer): string[] {
  const workbook = XLSX.read(bytes);
  const sheet = workbook.Sheets[workbook.SheetNames[0] as string] ?? {};
  return Object.keys(sheet)
    .filter((key) => !key.startsWith('!'))
    .map((key) => `${key}=${JSON.stringify((sheet[key] as { v: unknown }).v)}`);
}
