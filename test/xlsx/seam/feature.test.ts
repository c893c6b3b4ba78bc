import { FeatureState } from '../../../src/xlsx/settings/sheetSettings.js';
import { describe, expect, it } from 'vitest';
import { Zone } from '../../../src/dates/zone.js';
import { RowReader } from '../../../src/sources/rowReader.js';
import type { PartContext, SheetFeature, SheetHooks, SheetStart } from '../../../src/xlsx/seam/feature.js';
import { streamWorkbook } from '../../../src/node/streamWorkbook.js';
import { resolveLook } from '../../../src/xlsx/settings/look.js';
import { resolveSheet } from '../../../src/xlsx/resolve/resolveSheet.js';
import { SheetNames } from '../../../src/xlsx/package/sheetName.js';
import { readAll } from '../../helpers/streams.js';
import { parts } from '../../helpers/unzip.js';

/** A feature from its hooks (and rows above the header). */
const feature = (hooks: (sheet: SheetStart) => SheetHooks, rowsAbove?: number): SheetFeature => ({
  name: 'test',
  ...(rowsAbove === undefined ? {} : { rowsAbove }),
  start: hooks,
});

/** Writes a workbook whose sheets carry the given features after the listed ones, straight through the assembly. */
async function write(sheets: { name: string; rows: unknown[]; features: SheetFeature[]; options?: object }[]) {
  const names = new SheetNames();
  const look = resolveLook({});
  const defaults = { header: true, dateFormat: 'iso', timeZone: 'UTC', zone: new Zone('UTC'), maxRows: Infinity, look, state: new FeatureState() };
  const jobs = sheets.map((s, i) => {
    const sheet = resolveSheet(s.options ?? {}, defaults, `sheets[${i}].`, { requested: s.name, written: names.add(s.name, 'Sheet') });
    const rowsAbove = s.features.reduce((n, f) => n + (f.rowsAbove ?? 0), sheet.rowsAbove);
    return { sheet: { ...sheet, features: [...sheet.features, ...s.features], rowsAbove }, reader: new RowReader<unknown>(s.rows) };
  });
  const stream = streamWorkbook({ sheets: jobs, names, look, signal: undefined, onProgress: undefined, progressInterval: 200, total: undefined });
  return parts(await readAll(stream));
}

describe('the workbook feature seam', () => {
  it('starts a feature with the sheet as bound, and gives each part its place', async () => {
    const started: Omit<SheetStart, 'settings' | 'styles' | 'warn' | 'columns'>[] = [];
    const seen: Omit<PartContext, 'addRelationship' | 'addExternalRelationships' | 'addPart' | 'nextNumber' | 'drawing'>[] = [];
    const spy = feature((sheet) => {
      const { settings, styles, warn, shared, columns, workbook, ...rest } = sheet;
      started.push({ ...rest, columnKeys: columns.map((c) => c.key) } as never);
      return {
        tail(ctx) {
          const { addRelationship, addExternalRelationships, addPart, nextNumber, drawing, ...part } = ctx;
          seen.push({ ...part });
          return {};
        },
      };
    });
    await write([
      { name: 'First', rows: [{ a: 1, b: 2 }], features: [] },
      { name: "O'Brien", rows: [{ x: 1 }, { x: 2 }, { x: 3 }], features: [spy] },
    ]);
    expect(started).toEqual([{ columnKeys: ['x'], widths: [8], header: true, headerRow: 1, firstDataRow: 2, ownFirstRow: 1 }]);
    expect(seen).toEqual([{ sheetIndex: 1, sheetName: "O'Brien", quotedName: "'O''Brien'", sheetPath: 'xl/worksheets/sheet2.xml', part: 1, lastRow: 4 }]);
  });

  it('writes head and tail fragments in schema order, whatever the order of the features', async () => {
    const drawing = feature(() => ({
      tail: (ctx) => {
        ctx.drawing.addAnchor((id) => `<xdr:absoluteAnchor id="${id}"/>`);
        return {};
      },
    }));
    const page = feature(() => ({
      head: () => ({ sheetPr: '<pageSetUpPr fitToPage="1"/>' }),
      tail: () => ({ headerFooter: '<headerFooter><oddFooter>Page &amp;P</oddFooter></headerFooter>' }),
    }));
    const p = await write([{ name: 'S', rows: [{ a: 1 }], features: [drawing, page] }]);
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>');
    expect(sheet).toMatch(/<\/sheetData><autoFilter ref="A1:A2"\/><pageMargins [^>]*\/><headerFooter>.*<\/headerFooter><drawing r:id="rId1"\/><\/worksheet>$/);
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain(
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>',
    );
    expect(p['xl/drawings/drawing1.xml']).toContain('<xdr:absoluteAnchor id="2"/></xdr:wsDr>');
  });

  it('adds parts with content types, workbook-wide counters and defined names', async () => {
    const chart = (kind: string) =>
      feature((sheet) => ({
        tail(ctx) {
          const n = ctx.nextNumber(kind);
          ctx.addPart(`xl/charts/${kind}${n}.xml`, `<c n="${n}"/>`, 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
          return {};
        },
        definedNames: (ctx) => [{ name: 'Data', value: `${ctx.quotedName}!$A$${sheet.firstDataRow}`, local: true }],
      }));
    const p = await write([
      { name: 'A', rows: [{ a: 1 }], features: [chart('chart')] },
      { name: 'B', rows: [{ a: 1 }], features: [chart('chart')] },
    ]);
    expect(p['xl/charts/chart1.xml']).toBe('<c n="1"/>');
    expect(p['xl/charts/chart2.xml']).toBe('<c n="2"/>');
    expect(p['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    expect(p['xl/workbook.xml']).toContain('<definedName name="Data" localSheetId="1">B!$A$2</definedName>');
    expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">A!$A$1:$A$2</definedName>');
  });

  it('writes no relationships part for a sheet without relationships', async () => {
    const p = await write([{ name: 'S', rows: [{ a: 1 }], features: [feature(() => ({ tail: () => ({}) }))] }]);
    expect(Object.keys(p).filter((k) => k.includes('worksheets/_rels'))).toEqual([]);
  });

  it('writes external relationships (links) with TargetMode="External"', async () => {
    const link = feature(() => ({
      tail: (ctx) => ({
        hyperlinks: [`<hyperlink ref="A2" r:id="${ctx.addRelationship('http://example/hyperlink', 'https://example.com/?a=1&b=2', true)}"/>`],
      }),
    }));
    const p = await write([{ name: 'S', rows: [{ a: 1 }], features: [link] }]);
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain('Target="https://example.com/?a=1&#38;b=2" TargetMode="External"/>');
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<autoFilter [^>]*\/><hyperlinks><hyperlink ref="A2" r:id="rId1"\/><\/hyperlinks><pageMargins /);
  });

  it('moves the header and data down below the rows a feature writes above them', async () => {
    const title = feature(
      (sheet) => ({
        rowsAbove: () =>
          `<row r="${sheet.ownFirstRow}"><c r="A${sheet.ownFirstRow}" s="${sheet.styles.style({ font: '<b/><sz val="14"/><name val="Calibri"/><family val="2"/>' })}" t="inlineStr"><is><t>Title</t></is></c></row>`,
      }),
      2,
    );
    const p = await write([{ name: 'S', rows: [{ a: 1 }, { a: 2 }], features: [title], options: { print: { repeatHeader: true } } }]);
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain(
      '<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A4" sqref="A4"/>',
    );
    expect(sheet).toMatch(/<sheetData><row r="1"><c r="A1" s="\d+" t="inlineStr"><is><t>Title<\/t><\/is><\/c><\/row><row r="3"><c r="A3"[^>]*><is><t>a<\/t>/);
    expect(sheet).toContain('<row r="5"><c r="A5"><v>2</v></c></row></sheetData><autoFilter ref="A3:A5"/>');
    expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">S!$A$3:$A$5</definedName>');
    expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">S!$3:$3</definedName>');
    expect(p['xl/styles.xml']).toContain('<fonts count="3">');
    expect(p['xl/styles.xml']).toContain('<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>');
  });

  it('lets a feature see every row, write a column, style columns and add differential formats', async () => {
    const totals: number[] = [];
    const rows: [number, number][] = [];
    const sum = feature((sheet) => {
      let total = 0;
      const dxf = sheet.styles.dxf('<font><color rgb="FF9C0006"/></font>');
      return {
        cell: (column) => (column.key === 'b' ? (value, _row, ref) => `<c r="${ref}"><f>A${ref.slice(1)}*2</f><v>${Number(value) * 2}</v></c>` : undefined),
        head: () => ({ cols: [undefined, ` style="${sheet.styles.style({ numFmt: '0.000' })}"`] }),
        observe(values, rowNumber, index) {
          total += values[0] as number;
          rows.push([rowNumber, index]);
        },
        tail: () => {
          totals.push(total);
          return {
            conditionalFormatting: `<conditionalFormatting sqref="A2"><cfRule type="cellIs" dxfId="${dxf}" priority="1" operator="greaterThan"><formula>1</formula></cfRule></conditionalFormatting>`,
          };
        },
      };
    });
    const p = await write([
      {
        name: 'S',
        rows: [
          { a: 1, b: 1 },
          { a: 2, b: 5 },
        ],
        features: [sum],
        options: { columns: ['a', { key: 'b', width: 12 }] },
      },
    ]);
    expect(totals).toEqual([3]);
    expect(rows).toEqual([
      [2, 0],
      [3, 1],
    ]);
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<c r="B3"><f>A3*2</f><v>10</v></c>');
    expect(sheet).toMatch(/<cols><col min="1" max="1" width="8" customWidth="1"\/><col min="2" max="2" width="12" customWidth="1" style="\d+"\/><\/cols>/);
    expect(sheet).toContain('<conditionalFormatting sqref="A2">');
    expect(p['xl/styles.xml']).toContain('<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs>');
    expect(p['xl/styles.xml']).toContain('formatCode="0.000"');
  });
});
