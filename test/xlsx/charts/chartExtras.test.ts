import { describe, expect, it } from 'vitest';
import type { ResolvedColumn } from '../../../src/columns/resolveColumns.js';
import { chartExtras } from '../../../src/xlsx/charts/chartExtras.js';
import type { SheetContext } from '../../../src/xlsx/extras.js';

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

function column(key: string, type?: ResolvedColumn['type']): ResolvedColumn {
  return { key, header: key.toUpperCase(), type, numFmt: undefined, width: undefined, read: () => undefined };
}

/** A sheet context that records what the feature adds. */
function context(part = 1, lastRow = 11) {
  const added = { parts: [] as { name: string; contentType: string | undefined }[], rels: [] as { type: string; target: string }[] };
  const counters = new Map<string, number>();
  const ctx: SheetContext = {
    sheetIndex: 0,
    sheetName: 'My Sheet',
    quotedName: "'My Sheet'",
    sheetPath: 'xl/worksheets/sheet1.xml',
    part,
    columns: [column('name'), column('score', 'decimal')],
    widths: [],
    header: true,
    firstDataRow: 2,
    lastRow,
    addRelationship(type, target) {
      added.rels.push({ type, target });
      return `rId${added.rels.length}`;
    },
    addPart(name, _data, contentType) {
      added.parts.push({ name, contentType });
    },
    nextNumber(kind) {
      counters.set(kind, (counters.get(kind) ?? 0) + 1);
      return counters.get(kind)!;
    },
  };
  return { ctx, added };
}

describe('chartExtras', () => {
  const charts = [{ type: 'column', categories: 'name', series: ['score'] }] as const;

  it('is undefined without charts', () => {
    expect(chartExtras({}, '')).toBeUndefined();
    expect(chartExtras({ charts: [] }, '')).toBeUndefined();
  });

  it('checks the keys against `columns` at call time', () => {
    expect(() => chartExtras({ charts, columns: ['name', 'points'] }, 'sheets[1].')).toThrow(invalid('sheets[1].charts[0].series[0]'));
    expect(() => chartExtras({ charts, columns: ['name', { key: 'score', type: 'string' }] }, '')).toThrow(invalid('charts[0].series[0]'));
  });

  it('checks them against the first row’s columns when the sheet starts, without `columns`', () => {
    const extras = chartExtras({ charts: [{ type: 'line', categories: 'nom', series: ['score'] }] }, '')!;
    expect(() => extras.head!(context().ctx)).toThrow(invalid('charts[0].categories'));
  });

  it('adds the chart, the drawing and its rels, and the drawing tag, on the first part', () => {
    const extras = chartExtras({ charts }, '')!;
    const { ctx, added } = context();
    extras.head!(ctx);
    expect(extras.tail!(ctx)).toEqual({ drawing: '<drawing r:id="rId1"/>' });
    expect(added.parts).toEqual([
      { name: 'xl/charts/chart1.xml', contentType: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml' },
      { name: 'xl/drawings/drawing1.xml', contentType: 'application/vnd.openxmlformats-officedocument.drawing+xml' },
      { name: 'xl/drawings/_rels/drawing1.xml.rels', contentType: undefined },
    ]);
    expect(added.rels).toEqual([{ type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing', target: '../drawings/drawing1.xml' }]);
  });

  it('adds nothing to the continuation parts of a sheet past the row limit', () => {
    const extras = chartExtras({ charts }, '')!;
    const first = context(1, 1_048_576);
    extras.head!(first.ctx);
    extras.tail!(first.ctx);
    const second = context(2, 20);
    extras.head!(second.ctx);
    expect(extras.tail!(second.ctx)).toEqual({});
    expect(second.added.parts).toEqual([]);
  });
});
