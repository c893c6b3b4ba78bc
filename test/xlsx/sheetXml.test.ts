import { describe, expect, it } from 'vitest';
import { headerRow, sheetEnd, sheetHead } from '../../src/xlsx/sheetXml.js';

describe('sheetHead', () => {
  it('freezes the header row and writes fitted widths', () => {
    const xml = sheetHead({ selected: true, freezeHeader: true, widths: [10, undefined, 12.5], sheetPr: '' });
    expect(xml).toContain('<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<cols><col min="1" max="1" width="10" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/></cols><sheetData>');
  });
  it('writes no pane, no cols and no sheetPr when there is nothing to say', () => {
    const xml = sheetHead({ selected: false, freezeHeader: false, widths: [undefined], sheetPr: '' });
    expect(xml).not.toMatch(/<pane|<cols|<sheetPr|tabSelected/);
  });
});

describe('headerRow', () => {
  it('writes the headers as styled inline strings', () => {
    expect(headerRow(['a', 'B & C'], 3)).toBe(
      '<row r="1"><c r="A1" s="3" t="inlineStr"><is><t>a</t></is></c><c r="B1" s="3" t="inlineStr"><is><t>B &amp; C</t></is></c></row>',
    );
  });
});

describe('sheetEnd', () => {
  it('closes the sheet with the autofilter and the fragments in schema order', () => {
    expect(sheetEnd('A1:B3', { drawing: '<drawing/>', pageSetup: '<pageSetup/>' })).toBe('</sheetData><autoFilter ref="A1:B3"/><pageSetup/><drawing/></worksheet>');
  });
});

