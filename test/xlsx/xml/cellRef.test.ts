import { describe, expect, it } from 'vitest';
import { cellRange, columnLetters, columnRange, parseCellRef, quoteSheetName } from '../../../src/xlsx/xml/cellRef.js';

describe('columnLetters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('turns column %i into %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });
});

describe('parseCellRef', () => {
  it('reads plain and absolute references as 0-based positions', () => {
    expect(parseCellRef('A1')).toEqual({ col: 0, row: 0 });
    expect(parseCellRef('h2')).toEqual({ col: 7, row: 1 });
    expect(parseCellRef('$XFD$1048576')).toEqual({ col: 16_383, row: 1_048_575 });
  });
  it.each(['', 'A', '1', 'A0', 'XFE1', 'A1048577', 'A1:B2', ' A1', 'AAAA1'])('refuses %j', (ref) => {
    expect(parseCellRef(ref)).toBeUndefined();
  });
});

describe('quoteSheetName', () => {
  it.each([
    ['Sheet1', 'Sheet1'],
    ['Data_2024.v1', 'Data_2024.v1'],
    ['Class Summary', "'Class Summary'"],
    ["O'Brien", "'O''Brien'"],
    ['A1', "'A1'"],
    ['XFD100', "'XFD100'"],
    ['R1C1', "'R1C1'"],
    ['R', "'R'"],
    ['C', "'C'"],
    ['TRUE', "'TRUE'"],
    ['2024', "'2024'"],
    ['Résumé', "'Résumé'"],
    ['Sheet (2)', "'Sheet (2)'"],
    ['a-b', "'a-b'"],
  ])('writes %j as %s', (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });
});

describe('columnRange and cellRange', () => {
  it('write absolute references with the quoted sheet name', () => {
    expect(columnRange('Class Summary', 1, 2, 41)).toBe("'Class Summary'!$B$2:$B$41");
    expect(columnRange('Sheet1', 27, 1, 1)).toBe('Sheet1!$AB$1:$AB$1');
    expect(cellRange("O'Brien", 0, 1)).toBe("'O''Brien'!$A$1");
  });
});
