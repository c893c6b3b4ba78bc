import { describe, expect, it } from 'vitest';
import { Zone } from '../../../../src/dates/zone.js';
import type { PartContext, SheetStart } from '../../../../src/xlsx/seam/feature.js';
import { chartsFeature } from '../../../../src/xlsx/features/charts/chartFeature.js';
import type { ChartSpec } from '../../../../src/xlsx/features/charts/chartOptions.js';
import { StyleRegistry } from '../../../../src/xlsx/package/styles.js';
import { resolveLook } from '../../../../src/xlsx/settings/look.js';
import { FeatureState, type SheetSettings, resolveSheetSettings } from '../../../../src/xlsx/settings/sheetSettings.js';
import type { ColumnSpec } from '../../../../src/types.js';

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

function settings(columns: ColumnSpec[] | undefined, where = ''): SheetSettings {
  const defaults = {
    header: true,
    dateFormat: 'iso',
    timeZone: 'UTC',
    zone: new Zone('UTC'),
    maxRows: Infinity,
    look: resolveLook({}),
    state: new FeatureState(),
  };
  return resolveSheetSettings({ columns }, defaults, where, { requested: 'My Sheet', written: 'My Sheet' });
}

function start(s: SheetSettings, firstRow: unknown): SheetStart {
  return {
    settings: s,
    columns: s.bindColumns(firstRow),
    widths: [],
    header: true,
    headerRow: 1,
    firstDataRow: 2,
    ownFirstRow: 1,
    styles: new StyleRegistry(undefined),
    warn: () => {},
    shared: (_key, make) => make(),
    workbook: undefined as never,
  };
}

/** A part context that records what the feature adds. */
function part(number = 1, lastRow = 11) {
  const added = {
    parts: [] as { name: string; contentType: string | undefined }[],
    rels: [] as { type: string; target: string }[],
    drawing: { rels: [] as { type: string; target: string }[], anchors: [] as string[] },
  };
  const counters = new Map<string, number>();
  const ctx: PartContext = {
    sheetIndex: 0,
    sheetName: 'My Sheet',
    quotedName: "'My Sheet'",
    sheetPath: 'xl/worksheets/sheet1.xml',
    part: number,
    lastRow,
    addRelationship(type, target) {
      added.rels.push({ type, target });
      return `rId${added.rels.length}`;
    },
    addExternalRelationships() {
      throw new Error('charts add no external relationships');
    },
    addPart(name, _data, contentType) {
      added.parts.push({ name, contentType });
    },
    nextNumber(kind) {
      counters.set(kind, (counters.get(kind) ?? 0) + 1);
      return counters.get(kind)!;
    },
    drawing: {
      addRelationship(type, target) {
        added.drawing.rels.push({ type, target });
        return `rId${added.drawing.rels.length}`;
      },
      addAnchor(anchor) {
        added.drawing.anchors.push(anchor(added.drawing.anchors.length + 2));
      },
    },
  };
  return { ctx, added };
}

describe('chartsFeature', () => {
  const charts: ChartSpec[] = [{ type: 'column', categories: 'name', series: ['score'] }];
  const row = { name: 'Ada', score: 1.5 };

  it('is undefined without charts', () => {
    expect(chartsFeature.resolve({}, settings(undefined))).toBeUndefined();
    expect(chartsFeature.resolve({ charts: [] }, settings(undefined))).toBeUndefined();
  });

  it('checks the keys against `columns` at call time', () => {
    expect(() => chartsFeature.resolve({ charts }, settings(['name', 'points'], 'sheets[1].'))).toThrow(invalid('sheets[1].charts[0].series[0]'));
    expect(() => chartsFeature.resolve({ charts }, settings(['name', { key: 'score', type: 'string' }]))).toThrow(invalid('charts[0].series[0]'));
  });

  it('checks them against the first row’s columns when the sheet starts, without `columns`', () => {
    const s = settings(undefined);
    const feature = chartsFeature.resolve({ charts: [{ type: 'line', categories: 'nom', series: ['score'] }] }, s)!;
    expect(() => feature.start(start(s, row))).toThrow(invalid('charts[0].categories'));
  });

  it('adds the chart part, and its anchor and relationship to the sheet drawing, on the first part', () => {
    const s = settings(undefined);
    const hooks = chartsFeature.resolve({ charts }, s)!.start(start(s, row));
    const { ctx, added } = part();
    expect(hooks.tail!(ctx)).toEqual({});
    expect(added.parts).toEqual([{ name: 'xl/charts/chart1.xml', contentType: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml' }]);
    expect(added.rels).toEqual([]);
    expect(added.drawing.rels).toEqual([{ type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart', target: '../charts/chart1.xml' }]);
    expect(added.drawing.anchors).toHaveLength(1);
    expect(added.drawing.anchors[0]).toContain('<xdr:cNvPr id="2" name="Chart 1"/>');
  });

  it('adds nothing to the continuation parts of a sheet past the row limit', () => {
    const s = settings(undefined);
    const hooks = chartsFeature.resolve({ charts }, s)!.start(start(s, row));
    hooks.tail!(part(1, 1_048_576).ctx);
    const second = part(2, 20);
    expect(hooks.tail!(second.ctx)).toEqual({});
    expect(second.added.parts).toEqual([]);
    expect(second.added.drawing.anchors).toEqual([]);
  });
});
