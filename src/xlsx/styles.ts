import { escapeAttribute } from './xmlText.js';

/** The look of the header row, resolved: colours as `AARRGGBB`. */
export interface ResolvedHeaderStyle {
  readonly bold: boolean;
  readonly fill: string | undefined;
  readonly color: string | undefined;
}

/**
 * The cell formats (`cellXfs`) of a workbook. Sheets ask for an index while they stream; the
 * styles part is written after the last sheet, so the list may grow until then.
 */
export class StyleRegistry {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>([['0|0|0|0', 0]]);

  constructor(private readonly header: ResolvedHeaderStyle | undefined) {}

  /** Index of the format for a cell with this number format and wrapping. */
  cell(numFmt: string | undefined, wrap = false): number {
    return this.xf(numFmt === undefined ? 0 : this.numFmtId(numFmt), 0, 0, wrap);
  }

  /** Index of the header cells' format (0 when the header is not styled). */
  headerCell(): number {
    const h = this.header;
    if (h === undefined) return 0;
    return this.xf(0, h.bold || h.color !== undefined ? 1 : 0, h.fill !== undefined ? 2 : 0, false);
  }

  /** The styles part, `xl/styles.xml`. */
  toXml(): string {
    const custom = [...this.numFmts].filter(([, id]) => id >= FIRST_CUSTOM);
    const h = this.header;
    const headerFont = `<font>${h?.bold ? '<b/>' : ''}<sz val="11"/>${h?.color ? `<color rgb="${h.color}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`;
    const headerFill = h?.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${h.fill}"/><bgColor indexed="64"/></patternFill></fill>` : '';
    return (
      `${XML_DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (custom.length
        ? `<numFmts count="${custom.length}">${custom.map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`).join('')}</numFmts>`
        : '') +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>${headerFont}</fonts>` +
      `<fills count="${headerFill ? 3 : 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${headerFill}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
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

  private xf(numFmtId: number, fontId: number, fillId: number, wrap: boolean): number {
    const key = `${numFmtId}|${fontId}|${fillId}|${wrap ? 1 : 0}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.index.set(key, id);
      const applies =
        (numFmtId ? ' applyNumberFormat="1"' : '') + (fontId ? ' applyFont="1"' : '') + (fillId ? ' applyFill="1"' : '') + (wrap ? ' applyAlignment="1"' : '');
      const alignment = wrap ? '<alignment wrapText="1" vertical="top"/>' : '';
      this.xfs.push(
        `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}${alignment ? `>${alignment}</xf>` : '/>'}`,
      );
    }
    return id;
  }
}

/** `<?xml …?>` line every part starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

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
