import { describe, expect, it } from 'vitest';
import { resolveConditionalFormats } from '../../../../src/xlsx/features/conditionalFormats/conditionalFormatOptions.js';
import { conditionalFormattingXml } from '../../../../src/xlsx/features/conditionalFormats/conditionalFormatXml.js';

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
const xmlOf = (rules: unknown, column?: string) =>
  conditionalFormattingXml(
    resolveConditionalFormats('conditionalFormats', rules, column).map((rule) => ({ rule, sqref: 'C2:C9', topLeft: 'C2' })),
    (style) => (style.bold ? 1 : 0),
  );

describe('resolveConditionalFormats', () => {
  it('defaults colour scales to red–yellow–green, bars to blue, icons to traffic lights', () => {
    expect(
      resolveConditionalFormats(
        'cf',
        [
          { type: 'colorScale', column: 'a' },
          { type: 'dataBar', column: 'a' },
          { type: 'iconSet', column: 'a' },
        ],
        undefined,
      ),
    ).toEqual([
      { type: 'colorScale', column: 'a', colors: ['FFF8696B', 'FFFFEB84', 'FF63BE7B'] },
      { type: 'dataBar', column: 'a', color: 'FF638EC6' },
      { type: 'iconSet', column: 'a', icons: '3TrafficLights1', reverse: false, showValue: true },
    ]);
  });
  it('takes the column a rule sits on', () => {
    expect(resolveConditionalFormats('columns[1].conditionalFormats', [{ type: 'dataBar' }], 'score')[0]?.column).toBe('score');
  });
  describe('rejects', () => {
    it('a sheet rule without a column', () => {
      expect(() => resolveConditionalFormats('sheets[0].conditionalFormats', [{ type: 'dataBar' }], undefined)).toThrow(
        invalid('sheets[0].conditionalFormats[0].column'),
      );
    });
    it('a column rule naming another column', () => {
      expect(() => resolveConditionalFormats('cf', [{ type: 'dataBar', column: 'b' }], 'a')).toThrow(invalid('cf[0].column'));
    });
    it.each([
      [{ type: 'rainbow', column: 'a' }, 'cf[0].type'],
      [{ type: 'colorScale', column: 'a', colors: ['FF0000'] }, 'cf[0].colors'],
      [{ type: 'colorScale', column: 'a', colors: ['red', '00FF00'] }, 'cf[0].colors[0]'],
      [{ type: 'iconSet', column: 'a', icons: '7Stars' }, 'cf[0].icons'],
      [{ type: 'cell', column: 'a', operator: '~', value: 1, style: {} }, 'cf[0].operator'],
      [{ type: 'cell', column: 'a', operator: 'between', value: 1, style: {} }, 'cf[0].value'],
      [{ type: 'cell', column: 'a', operator: '>', value: Number.NaN, style: {} }, 'cf[0].value'],
      [{ type: 'cell', column: 'a', operator: '>', value: 1, style: { fill: 'pink' } }, 'cf[0].style.fill'],
      [{ type: 'cell', column: 'a', operator: '>', value: 1 }, 'cf[0].style'],
      [{ type: 'text', column: 'a', contains: '', style: {} }, 'cf[0].contains'],
      [{ type: 'text', column: 'a', contains: 'a\u0001', style: {} }, 'cf[0].contains'],
      [{ type: 'top', column: 'a', count: 0, style: {} }, 'cf[0].count'],
      [{ type: 'top', column: 'a', count: 101, percent: true, style: {} }, 'cf[0].count'],
    ])('%j', (rule, option) => {
      expect(() => resolveConditionalFormats('cf', [rule], undefined)).toThrow(invalid(option));
    });
    it('a list that is not an array', () => {
      expect(() => resolveConditionalFormats('cf', { type: 'dataBar' }, undefined)).toThrow(invalid('cf'));
    });
  });
});

describe('conditionalFormattingXml', () => {
  it('writes 2- and 3-colour scales', () => {
    expect(xmlOf([{ type: 'colorScale', colors: ['FFFFFF', '63BE7B'] }, { type: 'colorScale' }], 'a')).toBe(
      '<conditionalFormatting sqref="C2:C9"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>' +
        '<conditionalFormatting sqref="C2:C9"><cfRule type="colorScale" priority="2"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>',
    );
  });
  it('writes icon sets with their thresholds', () => {
    expect(xmlOf([{ type: 'iconSet', icons: '5Arrows', reverse: true, showValue: false }], 'a')).toContain(
      '<iconSet iconSet="5Arrows" showValue="0" reverse="1"><cfvo type="percent" val="0"/><cfvo type="percent" val="20"/><cfvo type="percent" val="40"/><cfvo type="percent" val="60"/><cfvo type="percent" val="80"/></iconSet>',
    );
  });
  it('writes cell rules with their dxf and quoted text', () => {
    expect(
      xmlOf(
        [
          { type: 'cell', operator: 'between', value: [50, 80], style: { bold: true } },
          { type: 'cell', operator: '=', value: 'A "b" <c>', style: {} },
        ],
        'a',
      ),
    ).toBe(
      '<conditionalFormatting sqref="C2:C9"><cfRule type="cellIs" dxfId="1" priority="1" operator="between"><formula>50</formula><formula>80</formula></cfRule></conditionalFormatting>' +
        '<conditionalFormatting sqref="C2:C9"><cfRule type="cellIs" dxfId="0" priority="2" operator="equal"><formula>"A ""b"" &lt;c&gt;"</formula></cfRule></conditionalFormatting>',
    );
  });
  it('writes text, top/bottom and average rules', () => {
    const xml = xmlOf(
      [
        { type: 'text', contains: 'late', style: {} },
        { type: 'top', count: 5, style: {} },
        { type: 'bottom', count: 10, percent: true, style: {} },
        { type: 'belowAverage', style: {} },
      ],
      'a',
    );
    expect(xml).toContain(
      '<cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="late"><formula>NOT(ISERROR(SEARCH("late",C2)))</formula></cfRule>',
    );
    expect(xml).toContain('<cfRule type="top10" dxfId="0" priority="2" rank="5"/>');
    expect(xml).toContain('<cfRule type="top10" dxfId="0" priority="3" percent="1" bottom="1" rank="10"/>');
    expect(xml).toContain('<cfRule type="aboveAverage" dxfId="0" priority="4" aboveAverage="0"/>');
  });
});
