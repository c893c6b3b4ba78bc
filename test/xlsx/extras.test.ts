import { describe, expect, it } from 'vitest';
import { resolveWriterOptions } from '../../src/internal/writerOptions.js';
import { RowReader } from '../../src/sources/rowReader.js';
import type { SheetContext, SheetExtras } from '../../src/xlsx/extras.js';
import { resolveLook } from '../../src/xlsx/options.js';
import { SheetNames } from '../../src/xlsx/sheetName.js';
import { streamWorkbook } from '../../src/xlsx/streamWorkbook.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

/** Writes a workbook whose sheets carry the given features, straight through the assembly. */
async function write(sheets: { name: string; rows: unknown[]; extras: SheetExtras[] }[]) {
  const names = new SheetNames();
  const jobs = sheets.map((s) => ({
    requestedName: s.name,
    name: names.add(s.name, 'Sheet'),
    reader: new RowReader<unknown>(s.rows),
    options: resolveWriterOptions<unknown>({}),
    extras: s.extras,
  }));
  const stream = streamWorkbook({ sheets: jobs, names, look: resolveLook({}), signal: undefined, onProgress: undefined, progressInterval: 200, total: undefined });
  return parts(await readAll(stream));
}

describe('the extras seam (charts, print setup)', () => {
  it('gives a feature the sheet as written: index, name, columns, rows', async () => {
    const seen: Omit<SheetContext, 'addRelationship' | 'addPart' | 'nextNumber'>[] = [];
    const spy: SheetExtras = {
      tail(ctx) {
        const { addRelationship, addPart, nextNumber, ...rest } = ctx;
        seen.push({ ...rest, columns: rest.columns.map((c) => ({ key: c.key })) as never });
        return {};
      },
    };
    await write([
      { name: 'First', rows: [{ a: 1, b: 2 }], extras: [] },
      { name: "O'Brien", rows: [{ x: 1 }, { x: 2 }, { x: 3 }], extras: [spy] },
    ]);
    expect(seen).toEqual([
      {
        sheetIndex: 1,
        sheetName: "O'Brien",
        quotedName: "'O''Brien'",
        sheetPath: 'xl/worksheets/sheet2.xml',
        part: 1,
        columns: [{ key: 'x' }],
        widths: [8],
        header: true,
        firstDataRow: 2,
        lastRow: 4,
      },
    ]);
  });

  it('writes head and tail fragments in schema order, whatever the order of the features', async () => {
    const drawing: SheetExtras = {
      tail: (ctx) => ({ drawing: `<drawing r:id="${ctx.addRelationship('http://example/drawing', '../drawings/drawing1.xml')}"/>` }),
    };
    const print: SheetExtras = {
      head: () => ({ sheetPr: '<pageSetUpPr fitToPage="1"/>' }),
      tail: () => ({ headerFooter: '<headerFooter><oddFooter>Page &amp;P</oddFooter></headerFooter>', pageMargins: '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' }),
    };
    const p = await write([{ name: 'S', rows: [{ a: 1 }], extras: [drawing, print] }]);
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>');
    expect(sheet).toMatch(/<\/sheetData><autoFilter ref="A1:A2"\/><pageMargins [^>]*\/><headerFooter>.*<\/headerFooter><drawing r:id="rId1"\/><\/worksheet>$/);
    expect(p['xl/worksheets/_rels/sheet1.xml.rels']).toContain('<Relationship Id="rId1" Type="http://example/drawing" Target="../drawings/drawing1.xml"/>');
  });

  it('adds parts with content types, workbook-wide counters and defined names', async () => {
    const chart = (kind: string): SheetExtras => ({
      tail(ctx) {
        const n = ctx.nextNumber(kind);
        ctx.addPart(`xl/charts/${kind}${n}.xml`, `<c n="${n}"/>`, 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
        return {};
      },
      definedNames: (ctx) => [{ name: '_xlnm.Print_Titles', value: `${ctx.quotedName}!$1:$1`, local: true }],
    });
    const p = await write([
      { name: 'A', rows: [{ a: 1 }], extras: [chart('chart')] },
      { name: 'B', rows: [{ a: 1 }], extras: [chart('chart')] },
    ]);
    expect(p['xl/charts/chart1.xml']).toBe('<c n="1"/>');
    expect(p['xl/charts/chart2.xml']).toBe('<c n="2"/>');
    expect(p['[Content_Types].xml']).toContain('<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">B!$1:$1</definedName>');
    expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">A!$A$1:$A$2</definedName>');
  });

  it('writes no relationships part for a sheet without relationships', async () => {
    const p = await write([{ name: 'S', rows: [{ a: 1 }], extras: [{ tail: () => ({}) }] }]);
    expect(Object.keys(p).filter((k) => k.includes('worksheets/_rels'))).toEqual([]);
  });
});
