/** Excel's last column, XFD (ECMA-376 Part 1, §18.3.1.4: at most 16,384 columns). */
export const MAX_SHEET_COLUMNS = 16_384;
/** Excel's last row (ECMA-376 Part 1, §18.3.1.73: row index at most 1,048,576). */
export const MAX_SHEET_ROWS_FOR_CHARTS = 1_048_576;

/**
 * Column letters of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
 * @example columnLetters(27) //=> 'AB'
 */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Parses an A1 cell reference (`'H2'`, `'$H$2'`) into 0-based column and row, or undefined when
 * it is not one or lies outside the sheet.
 */
export function parseCellRef(ref: string): { col: number; row: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref);
  if (!match) return undefined;
  const letters = match[1]!.toUpperCase();
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (col > MAX_SHEET_COLUMNS || row > MAX_SHEET_ROWS_FOR_CHARTS) return undefined;
  return { col: col - 1, row: row - 1 };
}

/**
 * A sheet name as it appears in a formula: bare when Excel allows (`Sheet1`), else in single quotes
 * with apostrophes doubled (`'Class Summary'`, `'O''Brien'`). Names that read as a cell (`A1`,
 * `R1C1`) or a boolean are quoted too.
 * @example quoteSheetName('Class Summary') //=> "'Class Summary'"
 */
export function quoteSheetName(name: string): string {
  const bare =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^(?:R\d*C?\d*|C\d*)$/i.test(name) && !/^(?:TRUE|FALSE)$/i.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * An absolute reference to part of one column: `'Class Summary'!$B$2:$B$41`.
 * @param sheetName - The sheet's final (repaired) name.
 * @param col - 0-based column.
 * @param firstRow - 1-based first row.
 * @param lastRow - 1-based last row (a single cell when equal to `firstRow`).
 */
export function columnRange(sheetName: string, col: number, firstRow: number, lastRow: number): string {
  const letters = columnLetters(col);
  return `${quoteSheetName(sheetName)}!$${letters}$${firstRow}:$${letters}$${lastRow}`;
}

/** An absolute reference to one cell: `'Class Summary'!$B$1`. */
export function cellRange(sheetName: string, col: number, row: number): string {
  return `${quoteSheetName(sheetName)}!$${columnLetters(col)}$${row}`;
}
