import { invalidOption } from '../../../errors.js';
import { quoteSheetName } from '../../xml/cellRef.js';
import { xmlText } from '../../xml/xmlText.js';
import type { SheetTail, WorkbookFeature } from '../../seam/feature.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';

/**
 * Printed page header and footer, in Excel's codes: `&L`, `&C`, `&R` start the left, centre and
 * right sections; `&P` is the page number, `&N` the page count, `&D` the date, `&T` the time, `&A`
 * the sheet name, `&F` the file name; `&&` is a literal `&`. Text with no section code is centred.
 * @example { header: '&LClass report&R&D', footer: 'Page &P of &N' }
 */
export interface HeaderFooter {
  /** Text at the top of every printed page. */
  readonly header?: string | undefined;
  /** Text at the bottom of every printed page. */
  readonly footer?: string | undefined;
}

/** Named paper sizes, with their ECMA-376 `ST_PaperSize` numbers (Part 1, §18.18.59 pageSetup). */
export const PAPER_SIZES = { letter: 1, tabloid: 3, legal: 5, executive: 7, a3: 8, a4: 9, a5: 11, b4: 12, b5: 13 } as const;
/** A paper size by name, or any ECMA-376 paper size number (1 to 118). */
export type PaperSize = keyof typeof PAPER_SIZES | (number & {});

/** How a sheet prints. */
export interface PrintOptions {
  /** Page orientation. @default 'portrait' */
  readonly orientation?: 'portrait' | 'landscape' | undefined;
  /** Shrink the columns to the width of one page (as many pages tall as needed). @default false */
  readonly fitToWidth?: boolean | undefined;
  /** Repeat the header row at the top of every printed page (the `_xlnm.Print_Titles` name). @default true */
  readonly repeatHeader?: boolean | undefined;
  /** Paper size: `'a4'`, `'letter'`, … or an ECMA-376 number. @default the printer's default */
  readonly paperSize?: PaperSize | undefined;
  /** Print the cell gridlines. @default false */
  readonly gridlines?: boolean | undefined;
}

/** `headerFooter` and `print` checked and defaulted. */
export interface ResolvedPrintOptions {
  readonly header: string | undefined;
  readonly footer: string | undefined;
  readonly orientation: 'portrait' | 'landscape' | undefined;
  readonly fitToWidth: boolean;
  readonly repeatHeader: boolean;
  readonly paperSize: number | undefined;
  readonly gridlines: boolean;
}

/**
 * Excel refuses a header or footer longer than this, counted as written in the file: codes
 * (`&C`, `&P`, `&&`) included, characters as code points (as XlsxWriter and libxlsxwriter count).
 */
export const MAX_HEADER_FOOTER_LENGTH = 255;

/**
 * Checks and defaults `headerFooter` and `print` once, at call time.
 * @param headerFooter - The `headerFooter` option.
 * @param print - The `print` option.
 * @param prefix - Path of the options for messages: `''` or `'sheets[1].'`.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option.
 */
export function resolvePrintOptions(headerFooter: unknown, print: unknown, prefix = ''): ResolvedPrintOptions {
  if (headerFooter !== undefined && (headerFooter === null || typeof headerFooter !== 'object' || Array.isArray(headerFooter))) {
    throw invalidOption(`${prefix}headerFooter`, '{ header?, footer? }', headerFooter);
  }
  if (print !== undefined && (print === null || typeof print !== 'object' || Array.isArray(print))) {
    throw invalidOption(`${prefix}print`, '{ orientation?, fitToWidth?, repeatHeader?, paperSize?, gridlines? }', print);
  }
  const { header, footer } = headerFooter === undefined ? NONE : ownOptions(headerFooter as HeaderFooter, HEADER_FOOTER_KEYS, `${prefix}headerFooter.`);
  const printOptions = print === undefined ? NONE : ownOptions(print as PrintOptions, PRINT_KEYS, `${prefix}print.`);
  for (const [name, text] of [
    ['header', header],
    ['footer', footer],
  ] as const) {
    if (text === undefined) continue;
    const option = `${prefix}headerFooter.${name}`;
    if (typeof text !== 'string') throw invalidOption(option, 'a string', text);
    if (/(?:^|[^&])(?:&&)*&$/.test(text)) {
      throw invalidOption(option, 'text without a lone `&` at the end (`&&` is a literal &)', text, 'Write && for a literal &');
    }
    const written = [...(text === '' ? '' : sectioned(text))].length;
    if (written > MAX_HEADER_FOOTER_LENGTH) {
      throw invalidOption(
        option,
        `at most ${MAX_HEADER_FOOTER_LENGTH} characters as written, codes included`,
        text,
        text === sectioned(text) ? undefined : `With the &C rowport adds for text without a section code, it has ${written}`,
      );
    }
  }
  const { orientation, fitToWidth = false, repeatHeader = true, paperSize, gridlines = false } = printOptions as PrintOptions;
  if (orientation !== undefined && orientation !== 'portrait' && orientation !== 'landscape') {
    throw invalidOption(`${prefix}print.orientation`, "'portrait' or 'landscape'", orientation);
  }
  for (const [name, value] of [
    ['fitToWidth', fitToWidth],
    ['repeatHeader', repeatHeader],
    ['gridlines', gridlines],
  ] as const) {
    if (typeof value !== 'boolean') throw invalidOption(`${prefix}print.${name}`, 'true or false', value);
  }
  let paper: number | undefined;
  if (paperSize !== undefined) {
    paper = typeof paperSize === 'string' ? PAPER_SIZES[paperSize.toLowerCase() as keyof typeof PAPER_SIZES] : paperSize;
    if (!(typeof paper === 'number' && Number.isInteger(paper) && paper >= 1 && paper <= 118)) {
      throw invalidOption(
        `${prefix}print.paperSize`,
        `${Object.keys(PAPER_SIZES)
          .map((k) => `'${k}'`)
          .join(', ')} or a paper size number from 1 to 118`,
        paperSize,
      );
    }
  }
  return {
    header: header === '' ? undefined : header,
    footer: footer === '' ? undefined : footer,
    orientation,
    fitToWidth,
    repeatHeader,
    paperSize: paper,
    gridlines,
  };
}

/** What {@link printXml} returns: fragments for their places in the worksheet. */
export interface PrintFragments {
  /** Child of `<sheetPr>` (`<pageSetUpPr fitToPage="1"/>`), or `''`. */
  readonly sheetPr: string;
  /** `<printOptions …/>` before `pageMargins`, or `''`. */
  readonly printOptions: string;
  /** `<pageMargins …/>`: Excel's defaults (required before `pageSetup`). */
  readonly pageMargins: string;
  /** `<pageSetup …/>`, or `''`. */
  readonly pageSetup: string;
  /** `<headerFooter>…</headerFooter>`, or `''`. */
  readonly headerFooter: string;
}

/** Excel's default page margins in inches, as it writes them. */
export const DEFAULT_PAGE_MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/**
 * The worksheet fragments for print settings. In a sheet they go in this order (ECMA-376 Part 1,
 * §18.3.1.99 CT_Worksheet): `sheetPr` first; then, after `sheetData`/`autoFilter`/`mergeCells`,
 * `printOptions`, `pageMargins`, `pageSetup`, `headerFooter`, then `drawing`.
 * @example printXml(resolvePrintOptions({ footer: 'Page &P of &N' }, { orientation: 'landscape' })).pageSetup
 * //=> '<pageSetup orientation="landscape"/>'
 */
export function printXml(options: ResolvedPrintOptions): PrintFragments {
  const setup: string[] = [];
  if (options.paperSize !== undefined) setup.push(`paperSize="${options.paperSize}"`);
  if (options.fitToWidth) setup.push('fitToWidth="1"', 'fitToHeight="0"');
  if (options.orientation !== undefined) setup.push(`orientation="${options.orientation}"`);
  let headerFooter = '';
  if (options.header !== undefined || options.footer !== undefined) {
    headerFooter =
      '<headerFooter>' +
      (options.header === undefined ? '' : `<oddHeader>${xmlText(sectioned(options.header))}</oddHeader>`) +
      (options.footer === undefined ? '' : `<oddFooter>${xmlText(sectioned(options.footer))}</oddFooter>`) +
      '</headerFooter>';
  }
  return {
    sheetPr: options.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : '',
    printOptions: options.gridlines ? '<printOptions gridLines="1"/>' : '',
    pageMargins: DEFAULT_PAGE_MARGINS,
    pageSetup: setup.length ? `<pageSetup ${setup.join(' ')}/>` : '',
    headerFooter,
  };
}

/**
 * The `_xlnm.Print_Titles` defined name (scoped to its sheet) that repeats the header row on every
 * printed page, or undefined when the sheet has no header row or `repeatHeader` is off.
 * @param sheetName - The sheet's final name; it is quoted as formulas need.
 * @param headerRow - 1-based row of the header (1 unless rows are written above it).
 * @example printTitlesName('Class Summary', resolvePrintOptions(undefined, undefined), true)
 * //=> { name: '_xlnm.Print_Titles', value: "'Class Summary'!$1:$1", local: true }
 */
export function printTitlesName(
  sheetName: string,
  options: ResolvedPrintOptions,
  header: boolean,
  headerRow = 1,
): { readonly name: string; readonly value: string; readonly local: true } | undefined {
  if (!header || !options.repeatHeader) return undefined;
  return { name: '_xlnm.Print_Titles', value: `${quoteSheetName(sheetName)}!$${headerRow}:$${headerRow}`, local: true };
}

/** The options a sheet's print setup comes from. */
export interface PrintSheetOptions {
  /** Printed page header and footer, in Excel's codes (`&P`, `&N`, `&D`, `&A`, `&L`/`&C`/`&R`). */
  readonly headerFooter?: HeaderFooter | undefined;
  /** Orientation, paper, fit to width, repeated header row, gridlines. */
  readonly print?: PrintOptions | undefined;
}

/**
 * The print-setup feature: `sheetPr` before the rows, the page fragments after them, and the
 * print titles name. Every sheet gets Excel's default page margins; every part of a continued
 * sheet gets the same setup (and repeats its own header row).
 */
export const printFeature: WorkbookFeature<PrintSheetOptions> = {
  name: 'print',
  resolve(options, settings) {
    const resolved = resolvePrintOptions(options.headerFooter, options.print, settings.where);
    const xml = printXml(resolved);
    const tail: SheetTail = {
      ...(xml.printOptions ? { printOptions: xml.printOptions } : {}),
      pageMargins: xml.pageMargins,
      ...(xml.pageSetup ? { pageSetup: xml.pageSetup } : {}),
      ...(xml.headerFooter ? { headerFooter: xml.headerFooter } : {}),
    };
    const head = xml.sheetPr ? { sheetPr: xml.sheetPr } : {};
    return {
      name: 'print',
      start: (sheet) => ({
        head: () => head,
        tail: () => tail,
        definedNames: (part) => {
          const name = printTitlesName(part.sheetName, resolved, sheet.header, sheet.headerRow);
          return name ? [name] : [];
        },
      }),
    };
  },
};

// --- internal ---

/** Options left out: no properties, and no prototype to inherit any from. */
const NONE: Readonly<HeaderFooter & PrintOptions> = Object.freeze(Object.create(null));

/** The keys of `headerFooter`; see `ownOptions`. */
const HEADER_FOOTER_KEYS = optionKeys<HeaderFooter>({ header: true, footer: true });

/** The keys of `print`; see `ownOptions`. */
const PRINT_KEYS = optionKeys<PrintOptions>({ orientation: true, fitToWidth: true, repeatHeader: true, paperSize: true, gridlines: true });

/** Text with no section code goes in the centre section, explicitly (readers differ otherwise). */
function sectioned(text: string): string {
  return /^&[LCR]/.test(text) ? text : `&C${text}`;
}
