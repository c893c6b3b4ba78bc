import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Column, ColumnType } from '../types.js';
import { parseColumnsFlag, parseTypesFlag } from './columnsFlag.js';
import { UsageError } from './usageError.js';

export type InputFormat = 'json' | 'ndjson' | 'csv';
export type OutputFormat = 'csv' | 'xlsx';

/** What the command line asks for, checked; writer options are still checked by the writers. */
export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  /** Input file; undefined or '-' is stdin. */
  readonly input: string | undefined;
  /** Output file; undefined or '-' is stdout. */
  readonly output: string | undefined;
  readonly from: InputFormat | undefined;
  readonly to: OutputFormat | undefined;
  readonly inDelimiter: string | undefined;
  readonly inEncoding: string | undefined;
  readonly columns: Column[] | undefined;
  /** `--types`: types for some columns, every other column kept as it is. */
  readonly types: ReadonlyMap<string, ColumnType> | undefined;
  /** `--detect-dates`: ISO 8601 date and date-time columns become dates. */
  readonly detectDates: boolean;
  readonly dateFormat: string | undefined;
  readonly timeZone: string | undefined;
  readonly encoding: string | undefined;
  readonly delimiter: string | undefined;
  readonly decimalSeparator: '.' | ',' | undefined;
  readonly dialect: 'excel-eu' | undefined;
  /** `--unmappable`: what a character the output encoding cannot hold does (toCsv's `unmappable`). */
  readonly unmappable: 'error' | 'replace' | undefined;
  readonly bom: boolean | undefined;
  readonly header: boolean;
  readonly quoteAll: boolean;
  readonly escapeFormulas: boolean;
  readonly gzip: boolean;
  readonly sheet: string | undefined;
  readonly maxRows: number | undefined;
  readonly total: number | undefined;
  readonly freeze: boolean;
  readonly autoFit: boolean;
  readonly autoFilter: boolean;
  /** `--links`: how `url` cells are written (the XLSX writers' `links`). */
  readonly links: 'auto' | 'formula' | undefined;
  readonly progress: boolean;
  readonly quiet: boolean;
}

/**
 * Names of stdout itself, written as stdout: replacing one atomically (temp file and rename, as `-o`
 * writes) would replace the symlink, or the file stdout is redirected to, under the shell.
 */
const STDOUT_PATHS: ReadonlySet<string> = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/** Flags that only mean something for one output format, to refuse them for the other. */
export const CSV_ONLY_FLAGS = ['encoding', 'delimiter', 'decimal-separator', 'dialect', 'unmappable', 'no-bom', 'quote-all', 'gzip'] as const;
export const XLSX_ONLY_FLAGS = ['sheet', 'no-freeze', 'no-autofit', 'no-filter', 'links'] as const;

/**
 * Parses argv (without `node` and the script) with `node:util` `parseArgs`, strictly.
 * @throws {UsageError} for an unknown flag, a missing or bad value, or two inputs.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs & { readonly given: ReadonlySet<string> } {
  let parsed: ReturnType<typeof parseArgs<typeof CONFIG>>;
  try {
    parsed = parseArgs({ ...CONFIG, args: joinNumberValues(argv) });
  } catch (error) {
    throw new UsageError(explainParseError(error as Error & { code?: string }));
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const given = new Set(Object.keys(v).filter((k) => v[k as keyof typeof v] !== undefined));
  return {
    given,
    help: v.help ?? false,
    version: v.version ?? false,
    input: positionals[0],
    output: v.output !== undefined && STDOUT_PATHS.has(v.output) ? '-' : v.output,
    from: oneOf('--from', v.from, ['json', 'ndjson', 'csv'] as const),
    to: oneOf('--to', v.to, ['csv', 'xlsx'] as const),
    inDelimiter: v['in-delimiter'] === undefined ? undefined : unescapeChar('--in-delimiter', v['in-delimiter']),
    inEncoding: v['in-encoding'],
    columns: v.columns === undefined ? undefined : parseColumnsFlag(v.columns),
    types: v.types === undefined ? undefined : parseTypesFlag(v.types),
    detectDates: v['detect-dates'] ?? false,
    dateFormat: v['date-format'],
    timeZone: v['time-zone'],
    encoding: v.encoding,
    delimiter: v.delimiter === undefined ? undefined : unescapeChar('--delimiter', v.delimiter),
    decimalSeparator: oneOf('--decimal-separator', v['decimal-separator'], ['.', ','] as const),
    dialect: oneOf('--dialect', v.dialect, ['excel-eu'] as const),
    unmappable: oneOf('--unmappable', v.unmappable, ['error', 'replace'] as const),
    bom: v['no-bom'] ? false : undefined,
    header: !v['no-header'],
    quoteAll: v['quote-all'] ?? false,
    escapeFormulas: !v['no-escape-formulas'],
    gzip: v.gzip ?? false,
    sheet: v.sheet,
    maxRows: wholeNumber('--max-rows', v['max-rows']),
    total: wholeNumber('--total', v.total),
    freeze: !v['no-freeze'],
    autoFit: !v['no-autofit'],
    autoFilter: !v['no-filter'],
    links: oneOf('--links', v.links, ['auto', 'formula'] as const),
    progress: v.progress ?? false,
    quiet: v.quiet ?? false,
  };
}

/** The `--help` text: every flag, with examples. */
export const HELP = `rowport: stream JSON, NDJSON or CSV rows into CSV or XLSX

Usage
  rowport [input] [-o output] [flags]

  input      a file, or stdin when omitted or '-'. Format from the extension
             (.json .ndjson .jsonl .csv .tsv, optionally .gz) or --from; stdin is
             sniffed: '[' is a JSON array, '{' is NDJSON, anything else is CSV.
  -o FILE    written atomically (temp file + rename); stdout when omitted, '-' or /dev/stdout.
             Format from the extension (.csv .csv.gz .tsv .xlsx) or --to; stdout is CSV.

Input
  --from json|ndjson|csv   input format (a JSON array is parsed as a stream)
  --in-delimiter C         CSV input field separator (default ','; '\\t' or 'tab' for TAB)
  --in-encoding ENC        input encoding when there is no BOM (default utf-8)

Columns and values
  --columns SPEC           columns in order: 'key', 'key:type', 'key:header' or
                           'key:header:type', comma-separated; types: string integer
                           decimal percent date datetime boolean url; \\, and \\: escape.
                           A lower-case word after the key is a type; for a header
                           like that, end with a colon: 'amount:net:'
  --types SPEC             types for some columns, keeping all the others:
                           'created_at:datetime,total:decimal'; with --columns,
                           types the selected columns
  --detect-dates           columns whose values are all ISO 8601 dates (2024-01-15)
                           or date-times (2024-01-15T10:30:00Z) in the first 1,000
                           rows become date or datetime columns; without it, date
                           strings stay text
  --no-header              no header row
  --date-format F          iso (default), us, eu, full, or a date-fns pattern
  --time-zone TZ           IANA zone dates are rendered in, and date-times without
                           an offset are read in (default UTC, never the host's)
  --max-rows N             fail (exit 1) when the input has more than N rows
  --total N                expected rows, for percent and ETA in the progress bar
                           (N: a whole number from 0, digits with optional _)

CSV output
  --to csv                 CSV even without a .csv extension
  --delimiter C            field separator (default ','; '\\t' or 'tab' for TAB)
  --decimal-separator C    '.' (default) or ',' in numbers, for European Excel
  --dialect excel-eu       ';' delimiter, ',' decimals, eu dates, BOM (what German
                           or French Excel opens as numbers); other flags override it
  --encoding ENC           utf-8 (default), utf-16le, windows-1251, shift_jis, ...
  --unmappable error|replace
                           a character --encoding cannot hold (李 in windows-1251):
                           error (default, exit 1 naming row and column) or
                           replace (written as '?')
  --no-bom                 no byte order mark (written by default for utf-8/utf-16)
  --quote-all              quote every field
  --no-escape-formulas     keep cells starting with = + - @ as they are
  --gzip                   gzip the output (implied by .csv.gz)

XLSX output
  --to xlsx                XLSX even without a .xlsx extension (never to a terminal)
  --sheet NAME             sheet name (default Sheet1)
  --no-freeze              do not freeze the header row
  --no-autofit             do not auto-fit column widths
  --no-filter              no autofilter on the header row
  --links auto|formula     url columns (--types 'profile:url'): native hyperlinks up
                           to Excel's 65,530 a sheet, then HYPERLINK formulas (auto,
                           default), or formulas only (formula)

Progress and messages
  --progress               show the progress bar even when stderr is not a terminal
  -q, --quiet              no progress bar and no summary line
  -h, --help               this help
  -v, --version            the version

Exit codes
  0 done (also when a reader such as 'head' closes the pipe early)
  1 data error: bad JSON/CSV input (with its line), a value the writer refused
    (with its code, row and column), a failed write
  2 usage error: unknown flag, bad flag value, missing input file or output folder
  129, 130, 143 stopped by SIGHUP, Ctrl-C (SIGINT), SIGTERM; no output file is left
    behind

Examples
  rowport users.json -o users.xlsx
  rowport events.ndjson -o events.csv.gz --columns 'id,at:Time:datetime,kind'
  psql -c "\\copy (select * from orders) to stdout csv header" | rowport --from csv -o orders.xlsx
  sqlite3 -json app.db 'select * from users' | rowport -o users.xlsx --sheet Users
  rowport orders.csv -o orders.xlsx --types 'created_at:datetime,total:decimal'
  rowport events.json -o events.xlsx --detect-dates
  rowport orders.json -o orders-de.csv --dialect excel-eu
  rowport legacy.csv --encoding windows-1251 -o legacy-1251.csv
  rowport data.tsv --to xlsx > data.xlsx
`;

// --- internal ---

const CONFIG = {
  allowPositionals: true,
  strict: true,
  options: {
    output: { type: 'string', short: 'o' },
    from: { type: 'string' },
    to: { type: 'string' },
    'in-delimiter': { type: 'string' },
    'in-encoding': { type: 'string' },
    columns: { type: 'string' },
    types: { type: 'string' },
    'detect-dates': { type: 'boolean' },
    'date-format': { type: 'string' },
    'time-zone': { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    'decimal-separator': { type: 'string' },
    dialect: { type: 'string' },
    unmappable: { type: 'string' },
    'no-bom': { type: 'boolean' },
    'no-header': { type: 'boolean' },
    'quote-all': { type: 'boolean' },
    'no-escape-formulas': { type: 'boolean' },
    gzip: { type: 'boolean' },
    sheet: { type: 'string' },
    'max-rows': { type: 'string' },
    total: { type: 'string' },
    'no-freeze': { type: 'boolean' },
    'no-autofit': { type: 'boolean' },
    'no-filter': { type: 'boolean' },
    links: { type: 'string' },
    progress: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  },
} as const satisfies ParseArgsConfig;

const FLAG_NAMES = Object.keys(CONFIG.options);

function explainParseError(error: Error & { code?: string }): string {
  const message = error.message.split('\n')[0] ?? String(error);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'(-{1,2}[^']+)'/.exec(message)?.[1];
    const name = flag?.replace(/^-+/, '').split('=')[0];
    const guess = name ? closest(name, FLAG_NAMES) : undefined;
    return `unknown flag ${flag ?? ''}${guess ? `; did you mean --${guess}?` : ''}`;
  }
  const ambiguous = /^Option '(-{1,2}[^' ]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous)
    return `${ambiguous[1]} needs a value, and the next argument starts with a dash; to give a value that starts with one, write ${ambiguous[1]}=-value`;
  return message.replace(/\. To specify a positional argument.*$/, '');
}

function oneOf<const T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Flags that take a whole number; a value after them that looks like a negative number is theirs. */
const NUMBER_FLAGS: readonly string[] = ['--max-rows', '--total'];

/**
 * `--max-rows -5` → `--max-rows=-5`, so that the value reaches {@link wholeNumber} and gets a
 * message saying what is allowed, instead of parseArgs' "argument is ambiguous".
 */
function joinNumberValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (NUMBER_FLAGS.includes(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A whole number from 0 to 2^53 - 1: digits, `_` allowed between them (`1_000_000`). */
function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+(_\d+)*$/.test(value) ? Number(value.replace(/_/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`${flag} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (digits, _ allowed between them), got ${JSON.stringify(value)}`);
  }
  return n;
}

/** `\t`, `tab` → TAB; anything else as given. */
function unescapeChar(flag: string, value: string): string {
  if (value === '') throw new UsageError(`${flag} must not be empty`);
  if (value === '\\t' || value.toLowerCase() === 'tab') return '\t';
  return value;
}

/** The flag nearest to `name` by edit distance, if it is close enough to be a typo. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
