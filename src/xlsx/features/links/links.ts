import { invalidOption } from '../../../errors.js';
import { escapeText } from '../../xmlText.js';

/**
 * Links are written as `HYPERLINK("target","text")` formulas with the text as the cached value,
 * not as `<hyperlink>` elements with one relationship each: those go in the sheet's tail and in its
 * `.rels` part, both written after the last row, so every link of the sheet (a million, in a big
 * export) would have to be held until then, and Excel takes at most 65,530 of them per sheet. A
 * formula costs nothing after its row is written, has no limit, and Excel, LibreOffice and
 * Google Sheets all follow it on click.
 */

/** Schemes a link may have; anything else (`javascript:`, `file:`, `data:`, …) is written as plain text. */
export const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
/** Excel's longest link target (the `HYPERLINK` address). */
export const MAX_LINK_LENGTH = 2_079;
/** Excel's longest string literal in a formula; longer ones are joined from pieces with `&`. */
const MAX_LITERAL = 255;

/** A link value: the text shown and where it leads. */
export interface LinkValue {
  readonly text?: string | undefined;
  readonly url: string;
}

/**
 * The target if it is a link rowport writes (an absolute `http:`, `https:` or `mailto:` URL with
 * no spaces, control characters or lone surrogates, at most 2,079 characters), else undefined.
 * @example linkTarget('https://example.com/a b') //=> undefined
 */
export function linkTarget(url: string): string | undefined {
  if (url.length < 8 || url.length > MAX_LINK_LENGTH) return undefined;
  // Per cell, so no URL parser: the scheme, a host after `//`, and no space or control character.
  const c = url.charCodeAt(0) | 0x20;
  if (c === 0x68 /* h */) {
    const head = url.slice(0, 8).toLowerCase();
    const host = head.startsWith('https://') ? 8 : head.startsWith('http://') ? 7 : 0;
    if (host === 0 || host >= url.length || url.charCodeAt(host) === 0x2f) return undefined;
  } else if (!(c === 0x6d /* m */ && url.slice(0, 7).toLowerCase() === 'mailto:')) return undefined;
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x20\x7f]/.test(url) || !url.isWellFormed() ? undefined : url;
}

/** A `{ text, url }` value (a plain object with a string `url` and an optional string `text`). */
export function isLinkValue(value: unknown): value is LinkValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && (v.text === undefined || typeof v.text === 'string');
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
 * Fills a link template's `{key}` placeholders with the row's values, URL-encoded.
 * @example fillTemplate('https://x.org/s/{id}', (k) => ({ id: 'a b' })[k]) //=> 'https://x.org/s/a%20b'
 */
export function fillTemplate(template: string, read: (key: string) => unknown): string {
  return template.replace(/\{([^{}]+)\}/g, (_, key: string) => {
    const value = read(key);
    return value === null || value === undefined ? '' : encodeURIComponent(String(value).toWellFormed()); // a lone surrogate would throw
  });
}

/**
 * A link cell: `HYPERLINK` with the text as its cached value (one argument when the text is the target).
 * @param style - The cell's ` s="…"` attribute ('' for none).
 * @example linkCellXml('B2', ' s="3"', 'https://example.com', 'Example')
 * //=> '<c r="B2" s="3" t="str"><f>HYPERLINK("https://example.com","Example")</f><v>Example</v></c>'
 */
export function linkCellXml(ref: string, style: string, url: string, text: string): string {
  // HYPERLINK shows the target itself when it has no text: one copy less of long URLs.
  const formula = text === url ? `HYPERLINK(${literal(url)})` : `HYPERLINK(${literal(url)},${literal(text)})`;
  return `<c r="${ref}"${style} t="str"><f>${escapeText(formula)}</f><v>${escapeText(text)}</v></c>`;
}

/** A formula string literal; text past 255 characters is joined from pieces (`"…"&"…"`). */
export function literal(text: string): string {
  if (text.length <= MAX_LITERAL) return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
  const quoted: string[] = [];
  for (let i = 0; i < text.length || i === 0; i += MAX_LITERAL) quoted.push(`"${text.slice(i, i + MAX_LITERAL).replace(/"/g, '""')}"`);
  return quoted.join('&');
}
