import { describe, expect, it } from 'vitest';
import { headerRow, inlineStringCell, sheetEnd, sheetHead } from '../../../src/xlsx/xml/sheetXml.js';

describe('sheetHead', () => {
  it('freezes the header row and writes fitted widths', () => {
    const xml = sheetHead({ selected: true, frozenRows: 1, widths: [10, undefined, 12.5], sheetPr: '' });
    expect(xml).toContain('<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<cols><col min="1" max="1" width="10" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/></cols><sheetData>');
  });
  it('writes no pane, no cols and no sheetPr for a column of the default width', () => {
    const xml = sheetHead({ selected: false, frozenRows: 0, widths: [undefined], sheetPr: '' });
    expect(xml).not.toMatch(/<pane|<cols|<sheetPr|tabSelected/);
  });
});

describe('headerRow: cells', () => {
  it('writes the headers as styled inline strings', () => {
    expect(headerRow(['a', 'B & C'], 3)).toBe(
      '<row r="1"><c r="A1" s="3" t="inlineStr"><is><t>a</t></is></c><c r="B1" s="3" t="inlineStr"><is><t>B &amp; C</t></is></c></row>',
    );
  });
});

describe('sheetHead with rows above the header and column attributes', () => {
  it('freezes down to the header row and writes a <col> for a styled column', () => {
    const xml = sheetHead({ selected: false, frozenRows: 3, widths: [10], sheetPr: '', colAttributes: [' style="2"', ' style="3"'] });
    expect(xml).toContain(
      '<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A4" sqref="A4"/>',
    );
    expect(xml).toContain('<cols><col min="1" max="1" width="10" customWidth="1" style="2"/><col min="2" max="2" width="8.43" style="3"/></cols>');
  });
});

describe('headerRow', () => {
  it('numbers the header row', () => {
    expect(headerRow(['a'], 0, 3)).toBe('<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c></row>');
  });
});

describe('sheetEnd', () => {
  it('closes the sheet data and the sheet around the tail', () => {
    expect(sheetEnd(['<pageSetup/>'])).toEqual(['</sheetData><pageSetup/></worksheet>']);
    expect(sheetEnd([])).toEqual(['</sheetData></worksheet>']);
    expect(sheetEnd(['<a>', 'x', '</a>'])).toEqual(['</sheetData><a>', 'x', '</a></worksheet>']);
  });
});

describe('inlineStringCell', () => {
  it('writes escaped text in <is><t>, with its style attribute', () => {
    expect(inlineStringCell('B7', ' s="3"', 'a<b')).toBe('<c r="B7" s="3" t="inlineStr"><is><t>a&lt;b</t></is></c>');
  });
  it('keeps leading and trailing whitespace with xml:space="preserve"', () => {
    expect(inlineStringCell('A1', '', ' x')).toBe('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> x</t></is></c>');
  });
});
