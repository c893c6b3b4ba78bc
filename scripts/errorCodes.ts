/**
 * `npx tsx scripts/errorCodes.ts [--write]`: docs/errors-and-warnings.md from the code's own lists.
 * Each code's "what causes it" is its JSDoc in src/errors.ts or src/warnings.ts (the one source);
 * "what to do" is below, typed by the code lists, so a new code does not compile until it has advice.
 * test/docs/errorsAndWarnings.test.ts checks that the page is what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RowportErrorCode, RowportWarningCode } from '../src/index.js';

export const ERRORS_DOC = 'docs/errors-and-warnings.md';

const ERROR_ADVICE: Record<RowportErrorCode, string> = {
  ROWPORT_INVALID_OPTION:
    'Read the message: it names the option (`sheets[1].columns[2].link`), what it expects and what came, often with "did you mean …?". Fix the call; nothing was written.',
  ROWPORT_INVALID_SOURCE:
    'Pass an array, a generator, an object-mode stream or a `ReadableStream` of rows. A Promise means a forgotten `await`; a query result object means `result.rows`; bytes (a Buffer, a byte stream) must be parsed first (`fromCsv`, `JSON.parse`). A stream or generator can be read once: make a new one per export.',
  ROWPORT_INVALID_VALUE:
    '`error.row` and `error.column` say where. Convert the value first (a function or symbol cannot be written), make `value()` synchronous (an async `value()` returns a Promise), or catch what your `value()` throws.',
  ROWPORT_INVALID_DATE:
    "Give a valid `Date`, epoch milliseconds or a `'YYYY-MM-DD'` (or ISO date-time) string in that row and column, or make the column a `string` column.",
  ROWPORT_UNMAPPABLE_CHARACTER:
    "Write a Unicode encoding (`utf-8`, `utf-16le`), or pass `unmappable: 'replace'` (CLI: `--unmappable replace`) to write `?` for such characters.",
  ROWPORT_SOURCE_FAILED:
    'Your source (database cursor, generator, stream) failed: look at `error.cause`. Rows before `error.row` were read; the output is destroyed, and `exportToFile` leaves no file.',
  ROWPORT_ABORTED: 'Your `signal` was aborted (`error.cause` is its reason); nothing to fix unless the abort was unexpected.',
  ROWPORT_MAX_ROWS: 'Raise `maxRows`, or filter the rows: the limit is yours, set to protect the service.',
  ROWPORT_ROW_LIMIT: "Leave `onRowLimit` at `'newSheet'` to continue on `Name (2)`, or split the export (CSV has no row limit).",
  ROWPORT_INVALID_CSV:
    "`error.row` is the 1-based line. Pass the right `delimiter`, `quote` or `encoding`, raise `maxFieldBytes` for a long field, or use `invalid: 'replace'` for bad bytes.",
  ROWPORT_INVALID_JSON: 'The CLI input is not valid JSON (or NDJSON) at `error.row` (a 1-based line); fix it, or pass `--from` for the right format.',
  ROWPORT_CALLBACK_FAILED:
    'Your callback threw, or returned a promise that rejected (`error.cause`). Catch inside the callback what must not stop the export (a progress update that may fail: `job.updateProgress(p).catch(log)`).',
  ROWPORT_WRITE_FAILED: 'Look at `error.cause` (a missing folder: `mkdir: true`; no permission; a full disk). `exportToFile` removed its temp file.',
  ROWPORT_DEPENDENCY_FAILED:
    'A bundle lost a CommonJS dependency: bundle with a `require` banner (see the bundling notes), or mark `iconv-lite` and `date-fns` as external.',
};

const WARNING_ADVICE: Record<RowportWarningCode, string> = {
  ROWPORT_TEXT_TRUNCATED: 'Shorten the text, or write it to CSV, which has no cell limit.',
  ROWPORT_LONE_SURROGATE: 'The source holds broken UTF-16 (half of an emoji, say); repair it upstream if the character matters.',
  ROWPORT_DATE_AS_TEXT: 'Excel has no serials before 1900: nothing to do unless the date is a mistake.',
  ROWPORT_NUMBER_AS_TEXT:
    'The digits are kept exactly, as text. To compute with them, round them yourself to a number (a double), or keep them as text on purpose.',
  ROWPORT_LINK_AS_TEXT: 'Give an `http:`, `https:` or `mailto:` target, or a shorter text.',
  ROWPORT_LINK_AS_FORMULA:
    'Nothing is lost: the links past Excel’s 65,530 a sheet still work, as HYPERLINK formulas. To have every link native, give each sheet of `toWorkbook` at most 65,530 rows with links, or write the targets as text.',
  ROWPORT_SHEET_RENAMED: 'Give a valid, unique sheet name (at most 31 characters, none of `[]:*?/\\`) to keep your own.',
  ROWPORT_SHEET_CONTINUED: "Expected past 1,048,576 rows; `onRowLimit: 'error'` refuses instead.",
  ROWPORT_UNKNOWN_COLUMN:
    "Check the key's spelling (`'nmae'`), its dot path (`'address.city'`), or give the column a `value()`. With typed rows, a wrong key in `columns` is also worth a look at the row type.",
  ROWPORT_UNWRITTEN_KEY:
    'Name every column with `--columns` (or `columns`), or give the first row every key (`null` for none): rows with optional keys take their columns from the first row.',
  ROWPORT_INVALID_BYTES: "Pass the input's real `encoding`, or `invalid: 'error'` to refuse such input.",
};

/** The JSDoc text of each code in a source list (`/** … *\/ Name: 'ROWPORT_…'`), as one line of prose: the
 *  comment right above the code, never one that ends earlier (the list's own JSDoc). */
function docs(file: string): Map<string, string> {
  const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  const found = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\w+: '(ROWPORT_\w+)'/g)) {
    const text = (m[1] as string)
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .filter((line) => line !== '')
      .join(' ')
      .replace(/\{@link (\w+)\}/g, '`$1`');
    found.set(m[2] as string, text);
  }
  return found;
}

function section(codes: readonly string[], causes: Map<string, string>, advice: Record<string, string>): string {
  return codes.map((code) => `### \`${code}\`\n\n**Cause.** ${causes.get(code) ?? '(undocumented)'}\n\n**What to do.** ${advice[code]}\n`).join('\n');
}

/** The page, rendered from the code lists. */
export function errorsAndWarningsDoc(): string {
  const errors = Object.values(RowportErrorCode);
  const warnings = Object.values(RowportWarningCode);
  return `<!-- Generated by \`npx tsx scripts/errorCodes.ts --write\` from src/errors.ts and src/warnings.ts: edit those (or the advice in the script), not this page. -->
# Errors and warnings

Every error rowport raises is a \`RowportError\` with a stable \`code\` (below), and \`row\` (the 0-based
source row) and \`column\` (the column key) where they apply; the underlying error is its \`cause\`.
Bad options fail at the call, before the first byte; errors in rows destroy the output stream, and
nothing is emitted after them. \`isRowportError(error)\` also recognises one from the other build
(ESM or CommonJS).

\`\`\`ts
import { isRowportError, toCsv, exportToFile } from 'rowport';

try {
  await exportToFile(toCsv([{ id: 1 }]), 'out.csv');
} catch (error) {
  if (isRowportError(error)) console.error(error.code, error.row, error.column, error.message);
}
\`\`\`

Warnings never stop an export: the value was written, changed as the code says. They go to
\`onWarning\` (of \`toCsv\`, \`toXlsx\`, \`toWorkbook\` and \`fromCsv\`) as \`{ code, message, row?, column?, sheet?, line? }\`.

## Callbacks that return promises

\`onProgress\`, \`onWarning\` and \`onHeaders\` may return a promise (an async \`job.updateProgress\`). The
rows do not wait for it, so a slow callback never slows the export; but its rejection is observed:
it stops the export as \`ROWPORT_CALLBACK_FAILED\` with the rejection as \`cause\` (never an unhandled
rejection), and the output stream ends only once every promise its callbacks returned has settled.
A callback whose promise never settles therefore keeps the export from ending: give such a callback
a timeout, or do not return the promise.

## Error codes (${errors.length})

${section(errors, docs('src/errors.ts'), ERROR_ADVICE)}
## Warning codes (${warnings.length})

${section(warnings, docs('src/warnings.ts'), WARNING_ADVICE)}`;
}

if (process.argv[1]?.endsWith('errorCodes.ts')) {
  const page = errorsAndWarningsDoc();
  if (process.argv.includes('--write')) writeFileSync(ERRORS_DOC, page);
  else process.stdout.write(page);
}
