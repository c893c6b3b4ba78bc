import { describe, expect, it } from 'vitest';
import { StyleRegistry } from '../../../src/xlsx/package/styles.js';

describe('StyleRegistry', () => {
  it('starts with the default format at index 0', () => {
    const styles = new StyleRegistry(undefined);
    expect(styles.cell(undefined)).toBe(0);
    expect(styles.headerCell()).toBe(0);
  });
  it('gives one index per distinct format and reuses it', () => {
    const styles = new StyleRegistry(undefined);
    const a = styles.cell('0.00');
    const b = styles.cell('yyyy-mm-dd');
    expect([a, b, styles.cell('0.00'), styles.cell(undefined, true)]).toEqual([1, 2, 1, 3]);
  });
  it('uses built-in ids for built-in formats and numbers custom ones from 164', () => {
    const styles = new StyleRegistry(undefined);
    styles.cell('0');
    styles.cell('0.00%');
    styles.cell('yyyy-mm-dd');
    styles.cell('#,##0 "pts"');
    const xml = styles.toXml();
    expect(xml).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="#,##0 &#34;pts&#34;"/></numFmts>',
    );
    expect(xml).toContain('<xf numFmtId="1" ');
    expect(xml).toContain('<xf numFmtId="10" ');
  });
  it('writes the header font and fill', () => {
    const styles = new StyleRegistry({ bold: true, fill: 'FF4472C4', color: 'FFFFFFFF' });
    const header = styles.headerCell();
    const xml = styles.toXml();
    expect(header).toBe(1);
    expect(xml).toContain('<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>');
    expect(xml).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FF4472C4"/><bgColor indexed="64"/></patternFill></fill>');
    expect(xml).toContain('<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>');
  });
  it('leaves the fill out when the header has none', () => {
    const styles = new StyleRegistry({ bold: true, fill: undefined, color: undefined });
    styles.headerCell();
    expect(styles.toXml()).toContain('<fills count="2">');
  });
});
