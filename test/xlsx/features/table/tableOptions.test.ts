import { describe, expect, it } from 'vitest';
import { Zone } from '../../../../src/dates/zone.js';
import { RunningTotal, cellNumber } from '../../../../src/xlsx/features/table/totals.js';
import { TableNames, isTableName, resolveTableOptions, tableColumnNames } from '../../../../src/xlsx/features/table/tableOptions.js';
import { tableXml, totalsRowXml } from '../../../../src/xlsx/features/table/tableXml.js';

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('resolveTableOptions', () => {
  it('is off by default and for false', () => {
    expect(resolveTableOptions('table', undefined)).toBeUndefined();
    expect(resolveTableOptions('table', false)).toBeUndefined();
  });
  it('true: TableStyleMedium2, banded rows, no totals, name from the sheet', () => {
    expect(resolveTableOptions('table', true)).toEqual({ name: undefined, style: 'TableStyleMedium2', bandedRows: true, totals: undefined });
  });
  it('takes functions and labels for the totals row', () => {
    const t = resolveTableOptions('table', { name: 'Scores', style: 'TableStyleLight9', totals: { name: 'Total', score: 'average', n: 'sum' } });
    expect(t?.totals).toEqual(
      new Map([
        ['name', { label: 'Total' }],
        ['score', { fn: 'average' }],
        ['n', { fn: 'sum' }],
      ]),
    );
    expect(t?.style).toBe('TableStyleLight9');
    expect(resolveTableOptions('table', { style: 'none' })?.style).toBeUndefined();
  });
  describe('rejects', () => {
    it.each(['1st', 'A1', 'r', 'C', 'R1C1', 'has space', 'x'.repeat(256), '', 'XFD1048576'])('a table name Excel refuses: %j', (name) => {
      expect(() => resolveTableOptions('sheets[1].table', { name })).toThrow(invalid('sheets[1].table.name'));
    });
    it.each(['TableStyleMedium29', 'Fancy', 3])('style %j', (style) => {
      expect(() => resolveTableOptions('table', { style })).toThrow(invalid('table.style'));
    });
    it.each([null, 'yes', []])('table %j', (table) => {
      expect(() => resolveTableOptions('table', table)).toThrow(invalid('table'));
    });
    it('totals that are not strings', () => {
      expect(() => resolveTableOptions('table', { totals: { score: 3 } })).toThrow(invalid('table.totals.score'));
      expect(() => resolveTableOptions('table', { totals: [] })).toThrow(invalid('table.totals'));
      expect(() => resolveTableOptions('table', { totals: { name: 'Total\u000f' } })).toThrow(invalid('table.totals.name'));
    });
  });
});

describe('isTableName', () => {
  it.each(['Scores', '_x', '\\path', 'Class_3.b', 'Übersicht', 'XFE1', 'AAAA1', 'Rx'])('accepts %j', (name) => expect(isTableName(name)).toBe(true));
});

describe('TableNames', () => {
  it('derives a valid name from the sheet name and keeps names unique without case', () => {
    const names = new TableNames();
    expect(names.add(undefined, 'Class Summary')).toBe('Class_Summary');
    expect(names.add(undefined, 'class summary')).toBe('class_summary_2');
    expect(names.add(undefined, '2024 (3)')).toBe('Table_2024__3_');
    expect(names.add(undefined, 'A1')).toBe('Table_A1');
    expect(names.add('Scores', 'x')).toBe('Scores');
    expect(names.add('Scores', 'x')).toBe('Scores_2');
  });
});

describe('tableColumnNames', () => {
  it('repairs blank and repeated headers, keeps good ones', () => {
    expect(tableColumnNames(['name', '', 'Score', 'score', 'a\nb', 'c\u0001d'])).toEqual(['name', 'Column2', 'Score', 'score2', 'a\nb', 'c d']);
  });
});

describe('tableXml', () => {
  it('writes the range, filter, columns and style', () => {
    const xml = tableXml({
      id: 2,
      name: 'Scores',
      columns: [
        { name: 'name', total: { label: 'Total' } },
        { name: 'a&b', total: { fn: 'sum' } },
      ],
      headerRow: 4,
      lastDataRow: 10,
      totalsRow: true,
      style: 'TableStyleMedium2',
      bandedRows: true,
    });
    expect(xml).toContain('id="2" name="Scores" displayName="Scores" ref="A4:B11" totalsRowCount="1"><autoFilter ref="A4:B10"/>');
    expect(xml).toContain('<tableColumn id="1" name="name" totalsRowLabel="Total"/><tableColumn id="2" name="a&amp;b" totalsRowFunction="sum"/>');
    expect(xml).toContain('<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>');
  });
  it('covers one empty data row when there are no rows', () => {
    const xml = tableXml({ id: 1, name: 'T', columns: [{ name: 'a' }], headerRow: 1, lastDataRow: 1, totalsRow: false, style: undefined, bandedRows: false });
    expect(xml).toContain('ref="A1:A2" totalsRowShown="0"><autoFilter ref="A1:A2"/>');
    expect(xml).toContain('<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0"');
  });
});

describe('totalsRowXml', () => {
  it('writes labels, SUBTOTAL formulas with cached values, and errors', () => {
    const xml = totalsRowXml(
      [{ name: 'n', total: { label: 'Total' } }, { name: 's', total: { fn: 'average' } }, { name: 'x' }, { name: 'e', total: { fn: 'var' } }],
      12,
      2,
      11,
      [undefined, 0.5, undefined, '#DIV/0!'],
      [7, 8, 0, 0],
    );
    expect(xml).toBe(
      '<row r="12"><c r="A12" s="7" t="inlineStr"><is><t>Total</t></is></c><c r="B12" s="8"><f>SUBTOTAL(101,B2:B11)</f><v>0.5</v></c>' +
        '<c r="D12" t="e"><f>SUBTOTAL(110,D2:D11)</f><v>#DIV/0!</v></c></row>',
    );
    expect(totalsRowXml([{ name: 'n' }, { name: 's', total: { fn: 'sum' } }], 3, 2, 2, [undefined, 1], [4, 4])).toBe(
      '<row r="3"><c r="A3" s="4"/><c r="B3" s="4"><f>SUBTOTAL(109,B2:B2)</f><v>1</v></c></row>',
    );
  });
});

describe('RunningTotal', () => {
  const utc = new Zone('UTC');
  const numbers = cellNumber({ key: 'v', kind: 'number', type: 'decimal' }, utc);
  const untyped = cellNumber({ key: 'v', kind: 'any', type: undefined }, utc);
  it('sums, counts and averages numbers as SUBTOTAL does, skipping text and booleans', () => {
    const t = new RunningTotal(numbers);
    for (const v of [1, '2.5', 'x', true, null, '', 3n, 4]) t.add(v);
    expect(t.value('sum')).toBe(10.5);
    expect(t.value('countNums')).toBe(4);
    expect(t.value('count')).toBe(6);
    expect(t.value('average')).toBe(2.625);
    expect(t.value('min')).toBe(1);
    expect(t.value('max')).toBe(4);
  });
  it('gives the sample variance and deviation', () => {
    const t = new RunningTotal(untyped);
    for (const v of [2, 4, 4, 4, 5, 5, 7, 9]) t.add(v);
    expect(t.value('var')).toBeCloseTo(32 / 7, 12);
    expect(t.value('stdDev')).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
  it("gives Excel's errors: #DIV/0! for an empty average, #NUM! after NaN", () => {
    const t = new RunningTotal(untyped);
    expect(t.value('average')).toBe('#DIV/0!');
    expect(t.value('sum')).toBe(0);
    t.add(Number.NaN);
    expect(t.value('sum')).toBe('#NUM!');
    t.reset();
    expect(t.value('sum')).toBe(0);
  });
  it('ignores numeric strings in columns that write them as text', () => {
    const t = new RunningTotal(untyped);
    t.add('5');
    expect(t.value('sum')).toBe(0);
    expect(t.value('count')).toBe(1);
  });
});
