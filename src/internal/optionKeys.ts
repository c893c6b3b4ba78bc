import type { FromCsvOptions } from '../csv/fromCsv.js';
import type { ToCsvOptions } from '../csv/options.js';
import type { FormatDateOptions } from '../dates/formatDate.js';
import type { FormatDatesOptions } from '../dates/formatDates.js';
import { RowportError, RowportErrorCode } from '../errors.js';
import type { ExportFileNameOptions } from '../files/exportFileName.js';
import type { ExportToFileOptions } from '../files/exportToFile.js';
import type { Column, WriterOptions } from '../types.js';
import type { SheetSpec, ToWorkbookOptions } from '../workbook/toWorkbook.js';
import type { ChartSize, ChartSpec } from '../xlsx/charts/chartOptions.js';
import type { AutoFitOptions, HeaderStyle, ToXlsxOptions } from '../xlsx/options.js';
import type { HeaderFooter, PrintOptions } from '../xlsx/print.js';

// The keys of every public options object, one list each. The compiler checks each list against its
// interface (`Record<keyof O, true>`): adding an option to an interface without adding it here is
// a type error, so a new option can never be refused as unknown.

const WRITER: Record<keyof WriterOptions, true> = {
  columns: true, header: true, dateFormat: true, timeZone: true, total: true,
  onProgress: true, progressInterval: true, signal: true, maxRows: true,
};

export const TO_CSV_KEYS = keys<ToCsvOptions>({
  ...WRITER,
  delimiter: true, quote: true, lineEnding: true, quoteAll: true, encoding: true, bom: true,
  unmappable: true, escapeFormulas: true, gzip: true, decimalSeparator: true, dialect: true,
});

export const TO_XLSX_KEYS = keys<ToXlsxOptions>({
  ...WRITER,
  sheetName: true, headerStyle: true, freezeHeader: true, autoFilter: true, autoFit: true, wrapText: true,
  onRowLimit: true, onWarning: true, createdAt: true, creator: true, compressionLevel: true,
  charts: true, headerFooter: true, print: true,
});

export const TO_WORKBOOK_KEYS = keys<ToWorkbookOptions>({
  header: true, dateFormat: true, timeZone: true, total: true, onProgress: true, progressInterval: true,
  signal: true, maxRows: true,
  headerStyle: true, freezeHeader: true, autoFilter: true, autoFit: true, wrapText: true,
  onRowLimit: true, onWarning: true, createdAt: true, creator: true, compressionLevel: true,
});

export const SHEET_SPEC_KEYS = keys<SheetSpec>({
  name: true, rows: true, columns: true, header: true, dateFormat: true, timeZone: true, maxRows: true,
  charts: true, headerFooter: true, print: true,
});

export const COLUMN_KEYS = keys<Column>({ key: true, header: true, value: true, type: true, numFmt: true, width: true });
export const HEADER_STYLE_KEYS = keys<HeaderStyle>({ bold: true, fill: true, color: true });
export const AUTO_FIT_KEYS = keys<AutoFitOptions>({ sampleRows: true, minWidth: true, maxWidth: true });
export const CHART_KEYS = keys<ChartSpec>({
  type: true, categories: true, series: true, title: true, anchor: true, size: true,
  xAxisTitle: true, yAxisTitle: true, legend: true,
});
export const CHART_SIZE_KEYS = keys<ChartSize>({ width: true, height: true });
export const HEADER_FOOTER_KEYS = keys<HeaderFooter>({ header: true, footer: true });
export const PRINT_KEYS = keys<PrintOptions>({ orientation: true, fitToWidth: true, repeatHeader: true, paperSize: true, gridlines: true });
export const FROM_CSV_KEYS = keys<FromCsvOptions>({ delimiter: true, quote: true, encoding: true, headers: true, skipEmpty: true });
export const FORMAT_DATE_KEYS = keys<FormatDateOptions>({ timeZone: true });
export const FORMAT_DATES_KEYS = keys<FormatDatesOptions>({ timeZone: true, columns: true });
export const EXPORT_TO_FILE_KEYS = keys<ExportToFileOptions>({ signal: true, mkdir: true });
export const EXPORT_FILE_NAME_KEYS = keys<ExportFileNameOptions>({ date: true });

/**
 * Refuses a key `known` does not list, so a misspelt option fails instead of being ignored
 * (plain-JS callers have no compiler to catch `colums`). Only own enumerable keys are read.
 * @param prefix - Where the object sits, for the message: `''`, `'sheets[1].'`, `'columns[0].'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the key, with the closest known key.
 */
export function checkOptionKeys(options: object, known: ReadonlySet<string>, prefix = ''): void {
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    const guess = closest(key, known);
    throw new RowportError(
      RowportErrorCode.InvalidOption,
      `Unknown option \`${prefix}${key}\`${guess === undefined ? '' : `: did you mean '${guess}'?`} Known: ${[...known].join(', ')}`,
    );
  }
}

// --- internal ---

function keys<O>(record: Record<keyof O & string, true>): ReadonlySet<string> {
  return new Set(Object.keys(record));
}

/** The known key nearest to `key` (case-insensitive edit distance), if near enough to be a typo. */
function closest(key: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
