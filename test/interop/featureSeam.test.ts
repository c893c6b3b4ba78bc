// The feature seam's contract: a new feature lands through the seam alone (one entry in the list the
// assembly takes), beside the title block and a chart. Here a fake one contributes merge cells, an
// anchor in the drawing the charts use, a defined name and a hidden sheet of its own, and reads an option
// of its own on a column (carried by the resolved column); the workbook must
// be valid XML, keep one <mergeCells> and one <drawing>, and open in openpyxl and LibreOffice.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RowReader } from '../../src/sources/rowReader.js';
import { FEATURES, type SheetFeatureOptions, XLSX_COLUMN_KEYS, xlsxColumnKeys } from '../../src/xlsx/features/features.js';
import { invalidOption } from '../../src/errors.js';
import { type WorkbookFeature, columnOptions } from '../../src/xlsx/seam/feature.js';
import { columnLetters } from '../../src/xlsx/xml/cellRef.js';
import { resolveXlsxOptions } from '../../src/xlsx/resolve/options.js';
import { streamWorkbook } from '../../src/node/streamWorkbook.js';
import { readAll } from '../helpers/streams.js';
import { PY_XML_ERRORS, haveTool, python } from '../helpers/tools.js';
import { unzip } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, tempDir } from '../helpers/xlsx.js';

const SHEET_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>red</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>green</t></is></c></row></sheetData></worksheet>';

/** A feature no one wrote yet: merges two cells under the data, draws a shape, names a list on its own hidden sheet. */
const stampFeature: WorkbookFeature<SheetFeatureOptions, string> = {
  name: 'stamp',
  columnKeys: ['stamp'],
  column({ stamp }, where) {
    if (stamp !== undefined && typeof stamp !== 'string') throw invalidOption(`${where}.stamp`, 'a string', stamp);
    return stamp;
  },
  resolve: () => ({
    name: 'stamp',
    rowsBelow: 1,
    start: (sheet) => ({
      rowsBelow: (part) =>
        `<row r="${part.lastRow + 1}">${sheet.columns
          .map((column, i) => [columnOptions(stampFeature, column), `${columnLetters(i)}${part.lastRow + 1}`])
          .filter(([stamp]) => stamp !== undefined)
          .map(([stamp, ref]) => `<c r="${ref}" t="inlineStr"><is><t>${stamp}</t></is></c>`)
          .join('')}</row>`,
      tail(part) {
        part.drawing.addAnchor(
          (id) =>
            '<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="476250"/>' +
            `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="Stamp"/><xdr:cNvSpPr/></xdr:nvSpPr>` +
            '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="476250"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:oneCellAnchor>',
        );
        return { mergeCells: [`<mergeCell ref="A${part.lastRow + 1}:B${part.lastRow + 1}"/>`] };
      },
      definedNames: (part) => [{ name: 'StampedRows', value: `${part.quotedName}!$A$${sheet.firstDataRow}:$A$${part.lastRow}` }],
    }),
  }),
  finish(book) {
    const { quotedName } = book.addSheet({ name: 'Stamp lists', xml: SHEET_XML, state: 'hidden' });
    book.addDefinedName({ name: 'Colours', value: `${quotedName}!$A$1:$A$2` });
  },
};

const rows = [
  { name: 'Ada', score: 3 },
  { name: 'Grace', score: 5 },
];
const options = {
  sheetName: 'Scores',
  columns: [{ key: 'name', stamp: 'Checked' }, 'score'],
  title: 'Term report',
  subtitle: 'Class 7A',
  charts: [{ type: 'column' as const, categories: 'name', series: ['score'], anchor: 'E2' }],
};

async function save(name: string): Promise<string> {
  const path = join(tempDir(), name);
  writeFileSync(path, await write());
  return path;
}

async function write(): Promise<Buffer> {
  const features = [...FEATURES, stampFeature];
  const { shared, look, names, sheet } = resolveXlsxOptions(options, features);
  const stream = streamWorkbook({
    sheets: [{ sheet, reader: new RowReader(rows) }],
    names,
    look,
    signal: undefined,
    onProgress: undefined,
    progressInterval: 200,
    total: undefined,
    features,
  });
  expect(shared.maxRows).toBe(Infinity);
  return readAll(stream);
}

afterAll(removeTempDirs);

describe('a new feature through the seam alone, beside the title block and a chart', () => {
  it('declares its column options: the list of column keys grows with the feature list', () => {
    expect([...xlsxColumnKeys(FEATURES)].sort()).toEqual([...XLSX_COLUMN_KEYS].sort());
    expect(xlsxColumnKeys([...FEATURES, stampFeature]).has('stamp')).toBe(true);
    expect(() => resolveXlsxOptions({ columns: [{ key: 'name', stamp: 1 }] } as never, [...FEATURES, stampFeature])).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('columns[0].stamp') }),
    );
    expect(() => resolveXlsxOptions({ columns: [{ key: 'name', stamp: 'x' }] } as never)).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('stamp') }),
    );
  });

  it('shares the sheet wrappers and the drawing, and adds a defined name and a hidden sheet', async () => {
    const entries = Object.fromEntries(unzip(await write()).map((e) => [e.name, e.data.toString('utf8')]));
    const sheet = entries['xl/worksheets/sheet1.xml'] ?? '';
    expect(sheet.match(/<mergeCells /g)).toHaveLength(1);
    expect(sheet).toContain('<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/><mergeCell ref="A7:B7"/></mergeCells>');
    expect(sheet.match(/<drawing /g)).toHaveLength(1);
    const drawing = entries['xl/drawings/drawing1.xml'] ?? '';
    expect(drawing).toContain('<xdr:cNvPr id="2" name="Chart 1"/>');
    expect(drawing).toContain('<xdr:cNvPr id="3" name="Stamp"/>');
    expect(Object.keys(entries).filter((k) => k.startsWith('xl/drawings/drawing'))).toEqual(['xl/drawings/drawing1.xml']);
    const workbook = entries['xl/workbook.xml'] ?? '';
    expect(workbook).toContain('<sheet name="Stamp lists" sheetId="2" state="hidden" r:id="rId2"/>');
    expect(workbook).toContain(`<definedName name="StampedRows">Scores!$A$5:$A$6</definedName>`);
    expect(workbook).toContain(`<definedName name="Colours">'Stamp lists'!$A$1:$A$2</definedName>`);
    expect(entries['xl/_rels/workbook.xml.rels']).toContain(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>',
    );
    expect(entries['[Content_Types].xml']).toContain('<Override PartName="/xl/worksheets/sheet2.xml"');
  });

  it('opens in openpyxl: every part parses, the merges, the names and the hidden sheet are there', async ({ skip }) => {
    if (!haveTool('openpyxl')) return skip();
    const path = await save('seam.xlsx');
    const seen = python<{ errors: string[]; merged: string[]; names: string[]; sheets: [string, string][]; stamped: string }>(
      `${PY_XML_ERRORS}
import json, sys, openpyxl
path = json.load(sys.stdin)
errors = xml_errors(path)
wb = openpyxl.load_workbook(path)
ws = wb['Scores']
json.dump({'errors': errors, 'merged': sorted(str(r) for r in ws.merged_cells.ranges), 'names': sorted(d.name for d in wb.defined_names.definedName),
           'sheets': [[s.title, s.sheet_state] for s in wb.worksheets], 'stamped': ws['A7'].value}, sys.stdout)
`,
      path,
    );
    expect(seen).toEqual({
      errors: [],
      merged: ['A1:B1', 'A2:B2', 'A7:B7'],
      names: ['Colours', 'StampedRows'],
      sheets: [
        ['Scores', 'visible'],
        ['Stamp lists', 'hidden'],
      ],
      stamped: 'Checked',
    });
  });

  it('opens in LibreOffice with every sheet and row', async ({ skip }) => {
    if (!haveTool('soffice')) return skip();
    const path = await save('seam-lo.xlsx');
    const sheets = convertWithLibreOffice([path])[path] ?? {};
    expect(Object.keys(sheets).sort()).toEqual(['Scores', 'Stamp lists']);
    expect(sheets.Scores).toBe('Term report,\nClass 7A,\n,\nname,score\nAda,3\nGrace,5\nChecked,\n');
    expect(sheets['Stamp lists']).toBe('red\ngreen\n');
  });
});
