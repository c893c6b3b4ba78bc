import { invalidOption } from '../../errors.js';
import { ownProperties } from '../../base/optionKeys.js';

/**
 * How a cell looks, beyond its number format: a column's `style`, what a row style callback
 * returns, the title block, a conditional format's highlight. Colours are hex `RRGGBB` or
 * `AARRGGBB`, with or without `#`.
 * @example { bold: true, color: '9C0006', fill: 'FFC7CE', align: 'center', border: true }
 */
export interface CellStyle {
  /** Bold text. */
  readonly bold?: boolean | undefined;
  /** Italic text. */
  readonly italic?: boolean | undefined;
  /** Text colour. */
  readonly color?: string | undefined;
  /** Solid background colour. */
  readonly fill?: string | undefined;
  /** Horizontal alignment. */
  readonly align?: 'left' | 'center' | 'right' | undefined;
  /** A thin border around each cell (`true`), or a border of this weight. */
  readonly border?: boolean | 'thin' | 'medium' | 'thick' | undefined;
}

/** A {@link CellStyle} checked, with colours as `AARRGGBB`; `size` only from the title block. */
export interface ResolvedCellStyle {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly size: number | undefined;
  readonly color: string | undefined;
  readonly fill: string | undefined;
  readonly align: 'left' | 'center' | 'right' | undefined;
  readonly border: 'thin' | 'medium' | 'thick' | undefined;
}

/** The style with nothing set. */
export const NO_STYLE: ResolvedCellStyle = {
  bold: false,
  italic: false,
  underline: false,
  size: undefined,
  color: undefined,
  fill: undefined,
  align: undefined,
  border: undefined,
};

const STYLE_KEYS = new Set(['bold', 'italic', 'color', 'fill', 'align', 'border']);

/**
 * Checks a {@link CellStyle} once.
 * @param name - The option's name for messages: `sheets[1].columns[2].style`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option and the bad property.
 */
export function resolveCellStyle(name: string, style: unknown): ResolvedCellStyle {
  if (style === null || typeof style !== 'object' || Array.isArray(style)) {
    throw invalidOption(name, '{ bold?, italic?, color?, fill?, align?, border? }', style);
  }
  for (const key of Object.keys(style)) {
    if (!STYLE_KEYS.has(key))
      throw invalidOption(`${name}.${key}`, 'no such property (bold, italic, color, fill, align, border)', (style as Record<string, unknown>)[key]);
  }
  const { bold = false, italic = false, color, fill, align, border = false } = ownProperties(style as CellStyle); // never inherited
  if (typeof bold !== 'boolean') throw invalidOption(`${name}.bold`, 'true or false', bold);
  if (typeof italic !== 'boolean') throw invalidOption(`${name}.italic`, 'true or false', italic);
  if (align !== undefined && align !== 'left' && align !== 'center' && align !== 'right') {
    throw invalidOption(`${name}.align`, "'left', 'center' or 'right'", align);
  }
  if (border !== true && border !== false && border !== 'thin' && border !== 'medium' && border !== 'thick') {
    throw invalidOption(`${name}.border`, "true, false, 'thin', 'medium' or 'thick'", border);
  }
  return {
    bold,
    italic,
    underline: false,
    size: undefined,
    color: color === undefined ? undefined : argbColour(`${name}.color`, color),
    fill: fill === undefined ? undefined : argbColour(`${name}.fill`, fill),
    align,
    border: border === true ? 'thin' : border === false ? undefined : border,
  };
}

/**
 * A colour as Excel's `AARRGGBB`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` for anything but `RRGGBB` or `AARRGGBB` hex (with or without `#`).
 * @example argbColour('fill', '#ffc7ce') //=> 'FFFFC7CE'
 */
export function argbColour(name: string, colour: unknown): string {
  const m = typeof colour === 'string' ? /^#?([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour) : null;
  if (!m) throw invalidOption(name, "a hex colour 'RRGGBB' or 'AARRGGBB'", colour);
  const hex = (m[1] as string).toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/** `a` with what `b` sets laid over it (a row style over a column style). */
export function mergeStyles(a: ResolvedCellStyle, b: ResolvedCellStyle): ResolvedCellStyle {
  return {
    bold: a.bold || b.bold,
    italic: a.italic || b.italic,
    underline: a.underline || b.underline,
    size: b.size ?? a.size,
    color: b.color ?? a.color,
    fill: b.fill ?? a.fill,
    align: b.align ?? a.align,
    border: b.border ?? a.border,
  };
}

/** True when the style sets nothing. */
export function isPlain(style: ResolvedCellStyle): boolean {
  return fontXml(style) === undefined && style.fill === undefined && style.align === undefined && style.border === undefined;
}

/**
 * The content of the `<font>` of a cell format, or undefined when the font is the default one
 * (Calibri 11). Child order is CT_Font's (ECMA-376 Part 1, §18.8.22): b, i, u, sz, color, name, family.
 */
export function fontXml(style: ResolvedCellStyle): string | undefined {
  if (!style.bold && !style.italic && !style.underline && style.size === undefined && style.color === undefined) return undefined;
  return (
    `${style.bold ? '<b/>' : ''}${style.italic ? '<i/>' : ''}${style.underline ? '<u/>' : ''}` +
    `<sz val="${style.size ?? 11}"/>${style.color ? `<color rgb="${style.color}"/>` : ''}<name val="Calibri"/><family val="2"/>`
  );
}

/** The content of the `<fill>` of a cell format (a solid fill is its foreground colour), or undefined for none. */
export function fillXml(style: ResolvedCellStyle): string | undefined {
  return style.fill === undefined ? undefined : `<patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill>`;
}

/** The content of the `<border>` of a cell format, or undefined for none. Children in CT_Border order. */
export function borderXml(style: ResolvedCellStyle): string | undefined {
  const weight = style.border;
  if (weight === undefined) return undefined;
  const side = (name: string): string => `<${name} style="${weight}"><color auto="1"/></${name}>`;
  return `${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/>`;
}

/** The attributes of the `<alignment>` of a cell format, or undefined for none. */
export function alignmentXml(style: ResolvedCellStyle, wrap: boolean): string | undefined {
  if (style.align === undefined && !wrap) return undefined;
  return [style.align ? `horizontal="${style.align}"` : '', wrap ? 'wrapText="1" vertical="top"' : ''].filter(Boolean).join(' ');
}

/**
 * The content of a differential format (`<dxf>`) for conditional formats: only what it sets. In a
 * dxf a solid fill's colour is the *background* colour (Excel writes, and LibreOffice and openpyxl
 * read, it so). Children in CT_Dxf order (ECMA-376 Part 1, §18.8.14): font, numFmt, fill, alignment, border.
 */
export function dxfXml(style: ResolvedCellStyle): string {
  const font =
    style.bold || style.italic || style.color
      ? `<font>${style.bold ? '<b/>' : ''}${style.italic ? '<i/>' : ''}${style.color ? `<color rgb="${style.color}"/>` : ''}</font>`
      : '';
  const fill = style.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor rgb="${style.fill}"/></patternFill></fill>` : '';
  const alignment = style.align ? `<alignment horizontal="${style.align}"/>` : '';
  const border = style.border ? `<border>${borderXml(style)}</border>` : '';
  return `${font}${fill}${alignment}${border}`;
}
