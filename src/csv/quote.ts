import { firstLoneSurrogate } from './encode.js';

/**
 * Quotes one field: decides once per dialect whether a field needs quotes, and how to double the
 * quote. Returns the field as written: quoted when it holds the delimiter, the quote, CR or LF (or
 * always, with `quoteAll`). With a delimiter of several characters, also when the field starts with
 * the end of the delimiter or ends with its start: `a|` before `||` would read as `a` and `|…`.
 * @throws {LoneSurrogate} when the quoter was compiled `wellFormed` and the text holds a lone surrogate.
 */
export type FieldQuoter = (text: string) => string;

/**
 * Thrown by a `wellFormed` quoter for text with a lone surrogate, which UTF-8 cannot hold: the
 * writer, which knows the row and the column, turns it into `ROWPORT_UNMAPPABLE_CHARACTER`.
 */
export class LoneSurrogate extends Error {
  /** The code unit of the first lone surrogate. */
  readonly code: number;

  constructor(text: string) {
    super('a lone surrogate');
    this.code = text.charCodeAt(firstLoneSurrogate(text));
  }
}

/**
 * Compiles the quoting of a dialect once (RFC 4180: only when needed, quotes doubled).
 * @param delimiter - Field separator, one or more characters.
 * @param quote - Quote character.
 * @param quoteAll - Quote every field.
 * @param wellFormed - Refuse text with a lone surrogate ({@link LoneSurrogate}): the same test as
 *   the quote test, so a field costs one scan whether it is checked or not.
 */
export function compileQuoter(delimiter: string, quote: string, quoteAll: boolean, wellFormed = false): FieldQuoter {
  const doubled = quote + quote;
  const quoteRe = new RegExp(escapeRegExp(quote), 'g');
  const quoted = (text: string): string => quote + (text.includes(quote) ? doubleQuotes(text, quote, doubled, quoteRe) : text) + quote;
  if (quoteAll) {
    if (!wellFormed) return quoted;
    return (text) => {
      if (!text.isWellFormed()) throw new LoneSurrogate(text);
      return quoted(text);
    };
  }
  // The delimiter as an alternative, not in the class: irregexp finds it faster (measured).
  const rest = `|${escapeRegExp(delimiter)}${delimiterEdges(delimiter)}`;
  const needs = new RegExp(`[\\r\\n${escapeClass(quote)}]${rest}`);
  if (!wellFormed) return (text) => (needs.test(text) ? quoted(text) : text);
  // Any surrogate (a pair too) takes the slow path, where the text is checked whole.
  const needsOrSurrogate = new RegExp(`[\\r\\n${escapeClass(quote)}\\uD800-\\uDFFF]${rest}`);
  return (text) => {
    if (!needsOrSurrogate.test(text)) return text;
    if (!text.isWellFormed()) throw new LoneSurrogate(text);
    return needs.test(text) ? quoted(text) : text;
  };
}

// --- internal ---

/**
 * `text` with each quote doubled. A global `replace` is the fastest on the fields of real data, but
 * on a long text with many quotes (a JSON document as one string) V8 keeps every match until the
 * end: 24 MiB a third of it quotes took over 400 MB and seconds. `split` + `join` holds only the pieces.
 */
function doubleQuotes(text: string, quote: string, doubled: string, quoteRe: RegExp): string {
  return text.length > LONG_TEXT ? text.split(quote).join(doubled) : text.replace(quoteRe, doubled);
}

/** Where `split` + `join` overtakes a global `replace` at doubling quotes (measured: between 100 and 260 thousand characters). */
const LONG_TEXT = 65_536;

/**
 * For a delimiter of several characters, the alternatives matching a field that starts with one of
 * its proper suffixes or ends with one of its proper prefixes; '' for a one-character delimiter.
 */
function delimiterEdges(delimiter: string): string {
  const parts: string[] = [];
  for (let k = 1; k < delimiter.length; k++) {
    parts.push(`^${escapeRegExp(delimiter.slice(k))}`, `${escapeRegExp(delimiter.slice(0, k))}$`);
  }
  return parts.map((part) => `|${part}`).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function escapeClass(text: string): string {
  return text.replace(/[\]\\^-]/g, '\\$&');
}
