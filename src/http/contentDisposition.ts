import { invalidOption } from '../errors.js';

/**
 * A `Content-Disposition: attachment` header value (RFC 6266) that every browser reads: a quoted
 * ASCII `filename` fallback, plus `filename*=UTF-8''…` (RFC 8187) carrying the exact name when
 * the fallback had to change it.
 *
 * The name is cleaned first: `/` and `\` become `_` (a download never picks its folder); control
 * characters (C0, DEL, C1) and bidirectional formatting characters (U+202A–U+202E,
 * U+2066–U+2069, which can make `gpj.exe` look like `exe.jpg`) are dropped; a lone UTF-16
 * surrogate, which has no UTF-8 form, becomes U+FFFD `�`, as the WHATWG encoder does. In the
 * fallback, every character outside printable ASCII and every `"`, `\` and `%` becomes `_`
 * (browsers disagree on `\` escapes and on percent-decoding `filename`).
 * @param fileName - The name the user should see.
 * @returns The header value, printable ASCII only.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for a name that is not a string or is blank once cleaned.
 * @example
 * contentDisposition('отчёт 2024.csv');
 * //=> `attachment; filename="_____ 2024.csv"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202024.csv`
 */
export function contentDisposition(fileName: string): string {
  if (typeof fileName !== 'string') throw invalidOption('fileName', 'a non-empty string', fileName);
  const clean = fileName.replace(PATH_SEPARATORS, '_').replace(DROPPED, '').replace(LONE_SURROGATE, '\uFFFD');
  if (clean.trim() === '') throw invalidOption('fileName', 'a non-empty string (after dropping control characters)', fileName);
  const ascii = clean.replace(NOT_FALLBACK_SAFE, '_');
  if (ascii === clean) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(clean)}`;
}

// --- internal ---

const PATH_SEPARATORS = /[\\/]/g;
/** C0 controls, DEL, C1 controls, and the bidi embedding, override and isolate characters. */
const DROPPED = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What the quoted fallback must not hold: non-ASCII, and `"` `\` `%`. */
const NOT_FALLBACK_SAFE = /[^\x20-\x7e]|["\\%]/gu; // one `_` per character, astral ones too

/** RFC 8187 `value-chars`: UTF-8 bytes, percent-encoded except `attr-char`. The input is well formed. */
function encodeRfc8187(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
