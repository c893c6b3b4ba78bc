/** Quotes one field: decides once per dialect whether a field needs quotes, and how to double the quote. */
export interface FieldQuoter {
  /** The field as written: quoted when it holds the delimiter, the quote, CR or LF (or always, with `quoteAll`). */
  (text: string): string;
}

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
  const needs = new RegExp(`[\\r\\n${escapeClass(quote)}]|${escapeRegExp(delimiter)}`);
  return (text) => {
    if (!needs.test(text)) return text;
    return quote + (text.includes(quote) ? text.replace(quoteRe, doubled) : text) + quote;
  };
}

// --- internal ---

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function escapeClass(text: string): string {
  return text.replace(/[\]\\^-]/g, '\\$&');
}
