import { describe, expect, it } from 'vitest';
import { NO_STYLE, alignmentXml, borderXml, dxfXml, fillXml, fontXml, isPlain, mergeStyles, resolveCellStyle } from '../../../src/xlsx/styles/cellStyle.js';

describe('resolveCellStyle', () => {
  it('resolves colours to ARGB and border true to thin', () => {
    expect(resolveCellStyle('s', { bold: true, color: '#9c0006', fill: 'FFC7CE', align: 'center', border: true })).toEqual({
      ...NO_STYLE,
      bold: true,
      color: 'FF9C0006',
      fill: 'FFFFC7CE',
      align: 'center',
      border: 'thin',
    });
  });
  it.each([
    [null, 'columns[0].style'],
    [{ bold: 'yes' }, 'columns[0].style.bold'],
    [{ color: 'red' }, 'columns[0].style.color'],
    [{ fill: '12345' }, 'columns[0].style.fill'],
    [{ align: 'middle' }, 'columns[0].style.align'],
    [{ border: 'dotted' }, 'columns[0].style.border'],
    [{ underline: true }, 'columns[0].style.underline'],
  ])('rejects %j', (style, option) => {
    expect(() => resolveCellStyle('columns[0].style', style)).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) }),
    );
  });
});

describe('style XML', () => {
  const s = resolveCellStyle('s', { bold: true, color: '9C0006', fill: 'FFC7CE', align: 'right', border: 'medium' });
  it('writes font, fill, border and alignment in schema order', () => {
    expect(fontXml(s)).toBe('<b/><sz val="11"/><color rgb="FF9C0006"/><name val="Calibri"/><family val="2"/>');
    expect(fillXml(s)).toBe('<patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill>');
    expect(borderXml(s)).toContain('<left style="medium"><color auto="1"/></left>');
    expect(alignmentXml(s, true)).toBe('horizontal="right" wrapText="1" vertical="top"');
    expect(alignmentXml(NO_STYLE, false)).toBeUndefined();
  });
  it('writes a dxf with the fill as background colour', () => {
    expect(dxfXml(s)).toBe(
      '<font><b/><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/></patternFill></fill>' +
        '<alignment horizontal="right"/><border><left style="medium"><color auto="1"/></left><right style="medium"><color auto="1"/></right><top style="medium"><color auto="1"/></top><bottom style="medium"><color auto="1"/></bottom><diagonal/></border>',
    );
  });
  it('lays a row style over a column style', () => {
    const merged = mergeStyles(resolveCellStyle('a', { bold: true, fill: 'FFFFFF' }), resolveCellStyle('b', { fill: '000000' }));
    expect(merged).toMatchObject({ bold: true, fill: 'FF000000' });
    expect(isPlain(NO_STYLE)).toBe(true);
    expect(isPlain(merged)).toBe(false);
  });
});
