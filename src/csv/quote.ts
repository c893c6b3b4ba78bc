/**
 * Quotes one field: decides once per dialect whether a field needs quotes, and how to double the
 * quote. Returns the field as written: quoted when it holds the delimiter, the quote, CR or LF (or
 * always, with `quoteAll`). With a delimiter of several characters, also when the field starts with
 * the end of the delimiter or ends with its start: `a|` before `||` would read as `a` and `|…`.
 */
export type FieldQuoter = (text: string) => string;

/**
 * Compiles the quoting of a dialect once (RFC 4180: only when needed, quotes doubled).
 * @param delimiter - Field separator, one or more characters.
 * @param quote - Quote character.
 * @param quoteAll - Quote every field.
 */
export function compileQuoter(delimiter: string, quote: string, quoteAll: boolean): FieldQuoter {
  const doubled = quote + quote;
  const quoteRe = new RegExp(escapeRegExp(quote), 'g');
  if (quoteAll) return (text) => quote + (text.includes(quote) ? text.replace(quoteRe, doubled) : text) + quote;
  const needs = new RegExp(`[\\r\\n${escapeClass(quote)}]|${escapeRegExp(delimiter)}${delimiterEdges(delimiter)}`);
  return (text) => {
    if (!needs.test(text)) return text;
    return quote + (text.includes(quote) ? text.replace(quoteRe, doubled) : text) + quote;
  };
}

// --- internal ---

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
