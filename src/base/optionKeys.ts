import { RowportError, RowportErrorCode, invalidOption } from '../errors.js';
import type { WriterOptions } from '../types.js';

// Each public options object has its list of keys beside its interface, made by `optionKeys<O>()`:
// the compiler checks the list against the interface (`Record<keyof O, true>`), so adding an option
// to an interface without adding it to the list is a type error, and a new option can never be
// refused as unknown.

/** The keys of {@link WriterOptions}, which every writer's options extend. */
export const WRITER_OPTION_KEYS: Record<keyof WriterOptions, true> = {
  columns: true,
  header: true,
  dateFormat: true,
  timeZone: true,
  total: true,
  onProgress: true,
  progressInterval: true,
  signal: true,
  maxRows: true,
};

/**
 * Reads an options object once, as own properties only: refuses a key `known` does not list, so a
 * misspelt option fails instead of being ignored (plain-JS callers have no compiler to catch
 * `colums`), and returns a copy of the own enumerable properties without a prototype. Every later
 * read of an option left out finds `undefined`, never a value inherited from an `Object.prototype`
 * polluted elsewhere in the application (which would turn `escapeFormulas` off, or add a `formula`).
 * @param prefix - Where the object sits, for the message: `''`, `'sheets[1].'`, `'columns[0].'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the key, with the closest known key; also
 *   when `options` is not an object at all (`5`, `null`, an array), which would otherwise be ignored.
 */
export function ownOptions<O extends object>(options: O, known: ReadonlySet<string>, prefix = ''): O {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOption(prefix === '' ? 'options' : prefix.slice(0, -1), 'an object', options);
  }
  const own = ownProperties(options);
  for (const key of Object.keys(own)) {
    if (known.has(key)) continue;
    const guess = closest(key, known);
    throw new RowportError(
      RowportErrorCode.InvalidOption,
      `Unknown option \`${prefix}${key}\`${guess === undefined ? '' : `: did you mean '${guess}'?`} Known: ${[...known].join(', ')}`,
    );
  }
  return own;
}

/**
 * A copy of an object's own enumerable string-keyed properties, without a prototype, for option
 * objects whose keys are free (`table.totals`, zlib options): nothing is read through the prototype chain.
 */
export function ownProperties<O extends object>(object: O): O {
  const own = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(object)) own[key] = (object as Record<string, unknown>)[key];
  return own as O;
}

/**
 * The known keys of an options type, checked by the compiler: `optionKeys<ToCsvOptions>({ delimiter: true, … })`.
 */
export function optionKeys<O>(record: Record<keyof O & string, true>): ReadonlySet<string> {
  return new Set(Object.keys(record));
}

/**
 * The candidate nearest to `word` by case-insensitive edit distance (a swap of neighbours is one
 * edit), when it is at most `within` edits away; undefined when none is.
 */
export function closestName(word: string, candidates: Iterable<string>, within: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= within ? best : undefined;
}

// --- internal ---

/** The known key nearest to `key` (case-insensitive edit distance), if near enough to be a typo. */
function closest(key: string, known: Iterable<string>): string | undefined {
  return closestName(key, known, Math.max(2, Math.floor(key.length / 3)));
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
