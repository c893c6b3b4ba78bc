import { describe, expect, it } from 'vitest';
import { MAX_SHEET_NAME, SheetNames } from '../../../src/xlsx/package/sheetName.js';

describe('SheetNames', () => {
  it('keeps a valid name', () => {
    expect(new SheetNames().add('Student Analytics', 'Sheet1')).toBe('Student Analytics');
  });
  it('replaces []:*?/\\ with _', () => {
    expect(new SheetNames().add('a[b]c:d*e?f/g\\h', 'Sheet1')).toBe('a_b_c_d_e_f_g_h');
  });
  it('cuts names to 31 characters', () => {
    const name = new SheetNames().add('x'.repeat(40), 'Sheet1');
    expect(name).toHaveLength(MAX_SHEET_NAME);
  });
  it('does not split a surrogate pair when cutting', () => {
    const name = new SheetNames().add(`${'x'.repeat(30)}😀`, 'Sheet1');
    expect(name).toBe('x'.repeat(30));
  });
  it('removes leading and trailing apostrophes', () => {
    expect(new SheetNames().add("'Quoted'", 'Sheet1')).toBe('Quoted');
  });
  it.each(['', '   ', "''"])('uses the fallback for the blank name %j', (name) => {
    expect(new SheetNames().add(name, 'Sheet3')).toBe('Sheet3');
  });
  it('does not use the reserved name History', () => {
    expect(new SheetNames().add('history', 'Sheet1')).not.toMatch(/^history$/i);
  });
  it('makes names unique case-insensitively', () => {
    const names = new SheetNames();
    expect(names.add('Data', 'Sheet1')).toBe('Data');
    expect(names.add('DATA', 'Sheet2')).toBe('DATA (2)');
    expect(names.add('data', 'Sheet3')).toBe('data (3)');
  });
  it('keeps unique names within 31 characters', () => {
    const names = new SheetNames();
    const long = 'y'.repeat(31);
    names.add(long, 'Sheet1');
    const second = names.add(long, 'Sheet2');
    expect(second).toBe(`${'y'.repeat(27)} (2)`);
  });
  it('names continuation sheets Name (2), Name (3), avoiding taken names', () => {
    const names = new SheetNames();
    names.add('Big', 'Sheet1');
    names.add('Big (2)', 'Sheet2');
    expect(names.continuation('Big', 2)).toBe('Big (3)');
    expect(names.continuation('Big', 4)).toBe('Big (4)');
  });
  it('keeps a name given as it is when an earlier one is repaired to it', () => {
    expect(
      new SheetNames().addAll([
        { name: '', fallback: 'Sheet1' },
        { name: 'Sheet1', fallback: 'Sheet2' },
        { name: 'a/b', fallback: 'Sheet3' },
        { name: 'A_B', fallback: 'Sheet4' },
        { name: 'sheet1', fallback: 'Sheet5' },
      ]),
    ).toEqual(['Sheet1 (2)', 'Sheet1', 'a_b (2)', 'A_B', 'sheet1 (3)']);
  });
  it('replaces control characters and lone surrogates', () => {
    expect(new SheetNames().add('a\u0001b\ud800', 'Sheet1')).toBe('a_b\ufffd');
  });
});
