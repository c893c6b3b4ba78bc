import type { Readable } from 'node:stream';
import { toCsv } from '../node/toCsv.js';
import type { ProgressInfo } from '../types.js';
import type { RowportWarning } from '../warnings.js';
import { toXlsx } from '../node/toXlsx.js';
import { CSV_ONLY_FLAGS, type CliArgs, type OutputFormat, XLSX_ONLY_FLAGS } from './args.js';
import type { Row } from './inputs.js';
import { UsageError } from './usageError.js';

/** Where the output goes and in which format. */
export interface OutputPlan {
  readonly format: OutputFormat;
  /** Output file; undefined is stdout. */
  readonly path: string | undefined;
  readonly gzip: boolean;
  /** Field separator implied by a `.tsv` name. */
  readonly delimiter: string | undefined;
}

/**
 * Works out the output: `--to`, else the extension of `-o` (`.csv`, `.csv.gz`, `.tsv`,
 * `.tsv.gz`, `.xlsx`), else CSV for stdout. Refuses XLSX to a terminal and flags of the other format.
 * @throws {UsageError}
 */
export function planOutput(args: CliArgs & { readonly given: ReadonlySet<string> }, stdoutIsTTY: boolean): OutputPlan {
  const path = args.output === undefined || args.output === '-' ? undefined : args.output;
  const name = path?.toLowerCase() ?? '';
  const fromName: OutputFormat | undefined = name.endsWith('.xlsx') ? 'xlsx' : /\.(csv|tsv)(\.gz)?$/.test(name) ? 'csv' : undefined;
  const format = args.to ?? fromName ?? (path === undefined ? 'csv' : undefined);
  if (format === undefined) {
    throw new UsageError(`cannot tell the output format from the name ${path}; name it .csv, .csv.gz, .tsv or .xlsx, or add --to csv or --to xlsx`);
  }
  if (format === 'xlsx' && path === undefined && stdoutIsTTY) {
    throw new UsageError('refusing to write XLSX (binary) to a terminal; use -o FILE.xlsx or redirect stdout to a file');
  }
  const foreign = format === 'xlsx' ? CSV_ONLY_FLAGS : XLSX_ONLY_FLAGS;
  const wrong = foreign.filter((flag) => args.given.has(flag));
  if (wrong.length > 0) {
    throw new UsageError(
      `${wrong.map((f) => `--${f}`).join(', ')} ${wrong.length > 1 ? 'apply' : 'applies'} only to ${format === 'xlsx' ? 'CSV' : 'XLSX'} output, and the output is ${format.toUpperCase()}`,
    );
  }
  return {
    format,
    path,
    gzip: format === 'csv' && (args.gzip || name.endsWith('.gz')),
    delimiter: /\.tsv(\.gz)?$/.test(name) ? '\t' : undefined,
  };
}

/** Writer options the CLI adds to the flags. */
export interface WriterHooks {
  readonly onProgress: (progress: ProgressInfo) => void;
  /** XLSX warnings (text truncated, sheet renamed, …): the export goes on. */
  readonly onWarning: (warning: RowportWarning) => void;
  readonly signal: AbortSignal;
}

/**
 * Makes the writer stream for the plan, from the library's writers and nothing else.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for a flag value the writer refuses.
 */
export function createWriter(rows: AsyncIterable<Row>, args: CliArgs, plan: OutputPlan, hooks: WriterHooks): Readable {
  const shared = {
    columns: args.columns,
    header: args.header,
    dateFormat: args.dateFormat,
    timeZone: args.timeZone,
    total: args.total,
    maxRows: args.maxRows,
    onProgress: hooks.onProgress,
    progressInterval: 100,
    signal: hooks.signal,
    onWarning: hooks.onWarning,
  };
  if (plan.format === 'xlsx') {
    return toXlsx(rows, {
      ...shared,
      sheetName: args.sheet,
      freezeHeader: args.freeze,
      autoFit: args.autoFit,
      autoFilter: args.autoFilter,
      links: args.links,
    });
  }
  return toCsv(rows, {
    ...shared,
    delimiter: args.delimiter ?? plan.delimiter,
    decimalSeparator: args.decimalSeparator,
    dialect: args.dialect,
    encoding: args.encoding,
    unmappable: args.unmappable,
    bom: args.bom,
    quoteAll: args.quoteAll,
    escapeFormulas: args.escapeFormulas,
    gzip: plan.gzip,
  });
}
