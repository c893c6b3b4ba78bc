import { RowportError, RowportErrorCode } from '../../errors.js';
import { ownProperties } from '../../base/optionKeys.js';
import { XML_DECLARATION, escapeAttribute } from '../xml/xmlText.js';

/** Excel's most cell formats (`cellXfs`) in a workbook; past it Excel repairs the file, dropping formats. */
export const MAX_CELL_FORMATS = 64_000;

/** The look of the header row, resolved: colours as `AARRGGBB`. */
export interface ResolvedHeaderStyle {
  readonly bold: boolean;
  readonly fill: string | undefined;
  readonly color: string | undefined;
}

/**
 * A cell format for {@link StyleRegistry.style}: each part is the XML of its element's content,
 * interned once per workbook.
 * @example { font: '<b/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/>', alignment: 'horizontal="center"' }
 */
export interface CellStyle {
  /** Number format code (`'#,##0.00'`); built-in codes use their built-in id. */
  readonly numFmt?: string | undefined;
  /** Content of a `<font>` (its children, in CT_Font order). */
  readonly font?: string | undefined;
  /** Content of a `<fill>` (`<patternFill …>…</patternFill>`). */
  readonly fill?: string | undefined;
  /** Content of a `<border>` (`<left/><right/><top/><bottom/><diagonal/>` with styles). */
  readonly border?: string | undefined;
  /** Attributes of `<alignment>` (`wrapText="1" vertical="top"`). */
  readonly alignment?: string | undefined;
  /** Attributes of `<protection>` (`locked="0"`: the cell stays editable on a protected sheet). */
  readonly protection?: string | undefined;
}

/**
 * The cell formats (`cellXfs`) and differential formats (`dxfs`, for conditional formats) of a
 * workbook. Sheets and features ask for an index while they stream; the styles part is written
 * after the last sheet, so the lists may grow until then. Equal formats share one index.
 */
export class StyleRegistry {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>([['0|0|0|0||', 0]]);
  /** Fonts, fills and borders after the fixed ones (default font, header font; none, gray125, header fill; no border). */
  private readonly fonts = new Interned(2);
  private readonly fills: Interned;
  private readonly borders = new Interned(1);
  private readonly dxfs = new Interned(0);

  constructor(private readonly header: ResolvedHeaderStyle | undefined) {
    this.fills = new Interned(header?.fill === undefined ? 2 : 3);
  }

  /** Index of the format for a cell with this number format and wrapping. */
  cell(numFmt: string | undefined, wrap = false): number {
    return this.xf(numFmt === undefined ? 0 : this.numFmtId(numFmt), 0, 0, 0, wrap ? WRAP : '', '');
  }

  /**
   * The registry as the cells of one column see it: `protection` (`locked="0"`) added to every
   * format they ask for (`cell`, `style`), interned once per format, so it costs nothing per cell.
   */
  withProtection(protection: string): StyleRegistry {
    const view = Object.create(this) as StyleRegistry;
    view.cell = (numFmt, wrap = false) => this.xf(numFmt === undefined ? 0 : this.numFmtId(numFmt), 0, 0, 0, wrap ? WRAP : '', protection);
    view.style = (style) => this.style({ ...ownProperties(style), protection: style.protection ?? protection });
    return view;
  }

  /** Index of the header cells' format (0 when the header is not styled). */
  headerCell(): number {
    const h = this.header;
    if (h === undefined) return 0;
    return this.xf(0, h.bold || h.color !== undefined ? 1 : 0, h.fill !== undefined ? 2 : 0, 0, '', '');
  }

  /**
   * Index of a cell format (`s="…"` of a cell, `style="…"` of a `<col>` or `<row>`).
   * @throws {RowportError} `ROWPORT_INVALID_VALUE` for a format past Excel's {@link MAX_CELL_FORMATS}.
   */
  style(style: CellStyle): number {
    const { numFmt, font, fill, border, alignment = '', protection = '' } = ownProperties(style); // a part left out is never inherited
    return this.xf(
      numFmt === undefined ? 0 : this.numFmtId(numFmt),
      font === undefined ? 0 : this.fonts.id(`<font>${font}</font>`),
      fill === undefined ? 0 : this.fills.id(`<fill>${fill}</fill>`),
      border === undefined ? 0 : this.borders.id(`<border>${border}</border>`),
      alignment,
      protection,
    );
  }

  /** Index of a differential format (`dxfId` of a conditional format rule); `xml` is the content of `<dxf>`. */
  dxf(xml: string): number {
    return this.dxfs.id(`<dxf>${xml}</dxf>`);
  }

  /** The styles part, `xl/styles.xml`. */
  toXml(): string {
    const custom = [...this.numFmts].filter(([, id]) => id >= FIRST_CUSTOM);
    const h = this.header;
    const headerFont = `<font>${h?.bold ? '<b/>' : ''}<sz val="11"/>${h?.color ? `<color rgb="${h.color}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`;
    const headerFill = h?.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${h.fill}"/><bgColor indexed="64"/></patternFill></fill>` : '';
    const { fonts, fills, borders, dxfs } = this;
    return (
      `${XML_DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (custom.length
        ? `<numFmts count="${custom.length}">${custom.map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`).join('')}</numFmts>`
        : '') +
      `<fonts count="${fonts.next}"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>${headerFont}${fonts.xml()}</fonts>` +
      `<fills count="${fills.next}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${headerFill}${fills.xml()}</fills>` +
      `<borders count="${borders.next}"><border><left/><right/><top/><bottom/><diagonal/></border>${borders.xml()}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      (dxfs.next === 0 ? '<dxfs count="0"/>' : `<dxfs count="${dxfs.next}">${dxfs.xml()}</dxfs>`) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }

  // --- internal ---

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private xf(numFmtId: number, fontId: number, fillId: number, borderId: number, alignment: string, protection: string): number {
    const key = `${numFmtId}|${fontId}|${fillId}|${borderId}|${alignment}|${protection}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      if (id >= MAX_CELL_FORMATS) {
        throw new RowportError(
          RowportErrorCode.InvalidValue,
          `the workbook needs more than ${MAX_CELL_FORMATS} cell formats (Excel's limit): each column style, row style and number format combined is one; use fewer distinct styles`,
        );
      }
      this.index.set(key, id);
      const applies =
        (numFmtId ? ' applyNumberFormat="1"' : '') +
        (fontId ? ' applyFont="1"' : '') +
        (fillId ? ' applyFill="1"' : '') +
        (borderId ? ' applyBorder="1"' : '') +
        (alignment ? ' applyAlignment="1"' : '') +
        (protection ? ' applyProtection="1"' : '');
      const children = (alignment ? `<alignment ${alignment}/>` : '') + (protection ? `<protection ${protection}/>` : '');
      this.xfs.push(
        `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${children ? `>${children}</xf>` : '/>'}`,
      );
    }
    return id;
  }
}

// --- internal ---

/** Excel's built-in number formats that need no `numFmt` entry (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

/** Custom number formats start at 164. */
const FIRST_CUSTOM = 164;

/** The alignment of wrapped text cells. */
const WRAP = 'wrapText="1" vertical="top"';

/** XML elements numbered in order of first use, after `first` fixed ones. */
class Interned {
  private readonly ids = new Map<string, number>();
  constructor(private readonly first: number) {}
  /** The next id: the count of the element's list. */
  get next(): number {
    return this.first + this.ids.size;
  }
  id(xml: string): number {
    let id = this.ids.get(xml);
    if (id === undefined) {
      id = this.next;
      this.ids.set(xml, id);
    }
    return id;
  }
  xml(): string {
    return [...this.ids.keys()].join('');
  }
}
