import type { DateRenderer } from '../../dates/compile.js';
import { invalidOption } from '../../errors.js';
import { xlsxNumberText } from '../../writer/numbers.js';
import { escapeText, truncate } from '../xml/xmlText.js';
import { MAX_FORMULA_LENGTH } from '../formulas/formulaColumn.js';
import { isDate } from '../../base/isDate.js';

/**
 * Links are written as Excel writes them, *native*: the cell holds the text (or number), and the
 * sheet's tail holds `<hyperlink ref r:id>` with one external relationship each in the sheet's
 * `.rels` part (`sheetLinks.ts`). Both come after the last row, so each link's cell and target are
 * held until then, and Excel takes at most 65,530 a sheet: past that (or with `links: 'formula'`)
 * a link is a `HYPERLINK("target","text")` formula with its text as the cached value (below),
 * which costs nothing after its row, has no limit, and Excel, LibreOffice and Google Sheets all
 * follow on click.
 */

/** Schemes a link may have; anything else (`javascript:`, `file:`, `data:`, …) is written as plain text. */
export const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
/** Excel's longest link target (the `HYPERLINK` address). */
export const MAX_LINK_LENGTH = 2_079;
/** Excel's longest string literal in a formula; longer ones are joined from pieces with `&`. */
const MAX_LITERAL = 255;
/** What a formula string literal must escape (the pattern of {@link escapeText}) or double (`"`); text without any is written as it is. */
const ESCAPE_OR_DOUBLE = /["&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
/** {@link ESCAPE_OR_DOUBLE} but `&`. */
const ESCAPE_OR_DOUBLE_BUT_AMP = /["<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
/** What {@link escapeText} writes as an `_xHHHH_` escape (but NUL, which no formula function makes), CR (kept as `CHAR(13)`), or a literal `_xHHHH_`. */
const X_ESCAPED = /[\x01-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
/** Where {@link expression} cuts: each character it writes as `CHAR(n)`, and the `_` of each `_xHHHH_`. */
const X_ESCAPED_ALL = /[\x01-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;
/** An `http(s)://host…` or `mailto:` URL with no space, control character or XML-illegal U+FFFE/U+FFFF (a relationship's `Target` cannot hold them). */
const LINK_PATTERN = /^(?:https?:\/\/[^/\x00-\x20\x7f\ufffe\uffff]|mailto:)[^\x00-\x20\x7f\ufffe\uffff]*$/i;

/** A link value: the text shown and where it leads. */
export interface LinkValue {
  /** The text the cell shows. @default the url */
  readonly text?: string | undefined;
  /** Where the link leads: an `http:`, `https:` or `mailto:` URL (any other target is written as text). */
  readonly url: string;
}

/**
 * The target if it is a link rowport writes (an absolute `http:`, `https:` or `mailto:` URL with
 * no spaces, control characters or lone surrogates, at most 2,079 characters), else undefined.
 * @example linkTarget('https://example.com/a b') //=> undefined
 */
export function linkTarget(url: string): string | undefined {
  // Per cell, so no URL parser: one pattern for the scheme, a host after `//`, and no space or control character.
  // `charCodeAt` first: it flattens a URL built by concatenation (`${base}${id}`) in place, and the
  // pattern scans the flat string in a third of the time it takes over the pieces.
  const first = url.charCodeAt(0) | 0x20; // h or m, either case
  return (first === 0x68 || first === 0x6d) && url.length >= 8 && url.length <= MAX_LINK_LENGTH && LINK_PATTERN.test(url) && url.isWellFormed()
    ? url
    : undefined;
}

/** A `{ text, url }` value (a plain object with a string `url` and an optional string `text`). */
export function isLinkValue(value: unknown): value is LinkValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  // own properties only: an `Object.prototype.url` polluted elsewhere must not turn objects into links
  const link = Object.hasOwn(v, 'url') && typeof v.url === 'string' && (!Object.hasOwn(v, 'text') || v.text === undefined || typeof v.text === 'string');
  return link && !isDate(value); // a Date given a `url` property is still a date
}

/**
 * True for a link value with no text and no URL (`{ url: '' }`, `{ text: '', url: '' }`): its cell
 * is not written, as an empty string's is not.
 */
export function isEmptyLinkValue(value: unknown): boolean {
  return isLinkValue(value) && value.url === '' && ((Object.hasOwn(value, 'text') ? value.text : undefined) ?? '') === '';
}

/**
 * Checks a link template of a column (`link: 'https://school.example/students/{id}'`): its scheme must
 * be one rowport writes, so that a `javascript:` or `file:` target fails at call time.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION`.
 */
export function checkLinkTemplate(option: string, template: unknown): string {
  const probe = typeof template === 'string' ? template.replace(/\{[^{}]+\}/g, 'x') : undefined;
  if (probe === undefined || linkTarget(probe) === undefined) {
    throw invalidOption(option, `an http:, https: or mailto: URL (with {key} placeholders for row values), at most ${MAX_LINK_LENGTH} characters`, template);
  }
  return template as string;
}

/**
 * Fills a link template's `{key}` placeholders with the row's values, URL-encoded (but the `@` of
 * an address in a `mailto:` template). A `Date` is written by `dates`, the sheet's date format in
 * its zone, never `Date#toString()`, whose text depends on the host's zone.
 * @param row - The row, named by a `ROWPORT_INVALID_DATE` for an invalid `Date`.
 * @example fillTemplate('https://x.org/s/{id}', (k) => ({ id: 'a b' })[k], isoDates) //=> 'https://x.org/s/a%20b'
 */
export function fillTemplate(template: string, read: (key: string) => unknown, dates: DateRenderer, row?: number): string {
  // In a mailto: link the value is an address: its `@` stays (`%40` is legal, but mail programs show it).
  const mailto = /^mailto:/i.test(template);
  return template.replace(/\{([^{}]+)\}/g, (_, key: string) => {
    const value = read(key);
    if (value === null || value === undefined) return '';
    const text = isDate(value) ? dates.value(value, row, key) : String(value);
    const encoded = encodeURIComponent(text.toWellFormed()); // a lone surrogate would throw
    return mailto ? encoded.replace(/%40/g, '@') : encoded;
  });
}

/**
 * A link cell: `HYPERLINK` with the text as its cached value (one argument when the text is the
 * target); undefined when the formula would be longer than Excel's 8,192 characters (a text of
 * thousands of characters), which Excel refuses to open.
 * @param style - The cell's ` s="…"` attribute ('' for none).
 * @param text - Well-formed text (no lone surrogates).
 * @example linkCellXml('B2', ' s="3"', 'https://example.com', 'Example')
 * //=> '<c r="B2" s="3" t="str"><f>HYPERLINK("https://example.com","Example")</f><v>Example</v></c>'
 */
export function linkCellXml(ref: string, style: string, url: string, text: string): string | undefined {
  // The usual case, once per row: short pieces with nothing to escape or double, tested with one pattern each.
  if (url.length <= MAX_LITERAL && text.length <= MAX_LITERAL && !ESCAPE_OR_DOUBLE.test(text)) {
    if (text === url) return `<c r="${ref}"${style} t="str"><f>HYPERLINK("${text}")</f><v>${text}</v></c>`;
    if (!ESCAPE_OR_DOUBLE.test(url)) return `<c r="${ref}"${style} t="str"><f>HYPERLINK("${url}","${text}")</f><v>${text}</v></c>`;
  }
  // A URL shown as itself with a query (`?a=1&b=2`): only its `&` to escape, five times faster than escapeText.
  if (text === url && url.length <= MAX_LITERAL && !ESCAPE_OR_DOUBLE_BUT_AMP.test(url)) {
    const escaped = url.replaceAll('&', '&amp;');
    return `<c r="${ref}"${style} t="str"><f>HYPERLINK("${escaped}")</f><v>${escaped}</v></c>`;
  }
  const value = escapeText(text);
  let formula: string;
  if (url.length <= MAX_LITERAL && text.length <= MAX_LITERAL && !X_ESCAPED.test(text) && !X_ESCAPED.test(url)) {
    // Each piece escaped once, the text's escape shared with the cached value. Escaping the pieces
    // equals escaping the whole formula: the `"`, `,` and `)` around them are never part of an
    // escape, and doubling a `"` neither makes nor breaks one.
    // HYPERLINK shows the target itself when it has no text: one copy less of long URLs.
    formula = text === url ? `HYPERLINK("${quoted(value)}")` : `HYPERLINK("${quoted(escapeText(url))}","${quoted(value)}")`;
  } else {
    // A control character or a literal `_xHHHH_` would be an `_xHHHH_` escape in the formula,
    // which Excel decodes and LibreOffice shows as it is: both read the expression alike.
    const arg = X_ESCAPED.test(text) || X_ESCAPED.test(url) ? expression : literal;
    const raw = text === url ? `HYPERLINK(${arg(url)})` : `HYPERLINK(${arg(url)},${arg(text)})`;
    if (raw.length > MAX_FORMULA_LENGTH) return undefined;
    formula = escapeText(raw);
  }
  return `<c r="${ref}"${style} t="str"><f>${formula}</f><v>${value}</v></c>`;
}

/**
 * The cell of a native link whose text is a number (its target in the sheet's `<hyperlinks>`).
 * @example numberCellXml('B2', ' s="4"', 42) //=> '<c r="B2" s="4"><v>42</v></c>'
 */
export function numberCellXml(ref: string, style: string, value: number): string {
  return `<c r="${ref}"${style}><v>${xlsxNumberText(value)}</v></c>`;
}

/**
 * A link cell whose text is a number: `HYPERLINK` with the number as its text, so the cell is a
 * number (in its number format, summable), not the number's digits as text.
 * @example numberLinkCellXml('B2', '', 'https://x.org/s/42', 42)
 * //=> '<c r="B2"><f>HYPERLINK("https://x.org/s/42",42)</f><v>42</v></c>'
 */
export function numberLinkCellXml(ref: string, style: string, url: string, value: number): string {
  const n = xlsxNumberText(value);
  // A target is at most 2,079 characters: the formula always fits in 8,192.
  const target = url.length <= MAX_LITERAL && !ESCAPE_OR_DOUBLE.test(url) ? `"${url}"` : escapeText(X_ESCAPED.test(url) ? expression(url) : literal(url));
  return `<c r="${ref}"${style}><f>HYPERLINK(${target},${n})</f><v>${n}</v></c>`;
}

/** Text with each `"` doubled, as inside a formula's string literal. */
const quoted = (text: string): string => (text.includes('"') ? text.replace(/"/g, '""') : text);

/**
 * A formula string literal; text past 255 characters is joined from pieces (`"…"&"…"`), never cut
 * inside a surrogate pair (each half alone would be written as U+FFFD).
 */
export function literal(text: string): string {
  if (text.length <= MAX_LITERAL) return `"${quoted(text)}"`;
  const pieces: string[] = [];
  for (let i = 0; i < text.length; ) {
    const piece = truncate(text.slice(i), MAX_LITERAL);
    pieces.push(`"${quoted(piece)}"`);
    i += piece.length;
  }
  return pieces.join('&');
}

/**
 * A formula string expression of text with no `_xHHHH_` in it once escaped: a control character is
 * `CHAR(n)` (`UNICHAR(n)` for U+FFFE, U+FFFF) and a literal is cut after the `_` of each `_xHHHH_`
 * in the text, so Excel (which decodes `_xHHHH_` in a formula) and LibreOffice (which does not)
 * read the same text. NUL, which neither can make, stays an escape.
 * @example expression('a_x0041_b\u0001') //=> '"a_"&"x0041_b"&CHAR(1)'
 */
export function expression(text: string): string {
  const parts: string[] = [];
  let start = 0;
  for (const m of text.matchAll(X_ESCAPED_ALL)) {
    const i = m.index;
    if (m[0] === '_') {
      parts.push(literal(text.slice(start, i + 1)));
    } else {
      if (i > start) parts.push(literal(text.slice(start, i)));
      const code = text.charCodeAt(i);
      parts.push(code >= 0xfffe ? `UNICHAR(${code})` : `CHAR(${code})`);
    }
    start = i + 1;
  }
  if (start < text.length || parts.length === 0) parts.push(literal(text.slice(start)));
  return parts.join('&');
}
