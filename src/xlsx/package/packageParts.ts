import { XML_DECLARATION, escapeAttribute, escapeText, xmlText } from '../xml/xmlText.js';

/** A sheet as listed in the workbook. */
export interface WorkbookSheet {
  readonly name: string;
  readonly path: string; // xl/worksheets/sheetN.xml
  /** A feature's own sheet may be hidden (a dropdown list's values). @default 'visible' */
  readonly state?: 'hidden' | 'veryHidden' | undefined;
}

/** A workbook defined name, e.g. `_xlnm.Print_Titles` for one sheet. */
export interface DefinedName {
  readonly name: string;
  /** The formula, e.g. `'Class Summary'!$1:$1`. */
  readonly value: string;
  /** Scope the name to this sheet (`localSheetId`). */
  readonly local?: boolean | undefined;
  readonly hidden?: boolean | undefined;
}

/** A defined name with the sheet it is scoped to. */
export interface ScopedName extends DefinedName {
  readonly sheetIndex: number;
}

/** A relationship of a part: `rId`, type URI, target relative to the part's folder. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  /** The target is outside the package (a web link): `TargetMode="External"`. */
  readonly external?: boolean;
}

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
} as const;

/**
 * Content types given by a part's extension instead of one override each, as Excel writes them:
 * the images of `xl/media/` (`image1.png`, `image2.jpeg`).
 */
const DEFAULT_CONTENT_TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpeg: 'image/jpeg' };

/** `[Content_Types].xml`: the fixed parts, every sheet, and the overrides features added (an image's as a `Default` by extension). */
export function contentTypesXml(sheets: readonly WorkbookSheet[], overrides: ReadonlyMap<string, string>): string {
  const defaults = new Set<string>();
  const own: [string, string][] = [];
  for (const [name, type] of overrides) {
    const extension = name.slice(name.lastIndexOf('.') + 1);
    if (DEFAULT_CONTENT_TYPES[extension] === type) defaults.add(extension);
    else own.push([name, type]);
  }
  const parts: [string, string][] = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ...sheets.map((s): [string, string] => [`/${s.path}`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml']),
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
    ...own,
  ];
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    [...defaults].map((extension) => `<Default Extension="${extension}" ContentType="${DEFAULT_CONTENT_TYPES[extension]}"/>`).join('') +
    parts.map(([name, type]) => `<Override PartName="${escapeAttribute(name)}" ContentType="${escapeAttribute(type)}"/>`).join('') +
    '</Types>'
  );
}

/** `xl/workbook.xml`: the sheets in order and the defined names; `calculateOnLoad` asks readers to calculate every formula on open. */
export function workbookXml(sheets: readonly WorkbookSheet[], names: readonly ScopedName[], attributes: WorkbookAttributes = new Map()): string {
  const sheetList = sheets
    .map((s, i) => `<sheet name="${escapeAttribute(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const defined = names
    .map(
      (n) =>
        `<definedName name="${escapeAttribute(n.name)}"${n.local ? ` localSheetId="${n.sheetIndex}"` : ''}${n.hidden ? ' hidden="1"' : ''}>` +
        `${escapeText(n.value)}</definedName>`,
    )
    .join('');
  return (
    `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<workbookPr${attributesXml(attributes.get('workbookPr'))}/><bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${sheetList}</sheets>` +
    (defined ? `<definedNames>${defined}</definedNames>` : '') +
    `<calcPr calcId="191029"${attributesXml(attributes.get('calcPr'))}/></workbook>`
  );
}

/** Attributes of `<workbookPr>` and `<calcPr>` set by features, by element. */
export type WorkbookAttributes = ReadonlyMap<'workbookPr' | 'calcPr', ReadonlyMap<string, string>>;

/** `xl/_rels/workbook.xml.rels`: sheets are `rId1…rIdN`, styles the next, then the features' (`rIdx1`, …). */
export function workbookRelsXml(sheets: readonly WorkbookSheet[], extra: readonly Omit<Relationship, 'id'>[] = []): string {
  const rels: Relationship[] = sheets.map((s, i) => ({ id: `rId${i + 1}`, type: REL.worksheet, target: s.path.slice('xl/'.length) }));
  rels.push({ id: `rId${sheets.length + 1}`, type: REL.styles, target: 'styles.xml' });
  for (const [i, r] of extra.entries()) rels.push({ ...r, id: `rIdx${i + 1}` });
  return relationshipsXml(rels);
}

function attributesXml(attributes: ReadonlyMap<string, string> | undefined): string {
  let xml = '';
  for (const [name, value] of attributes ?? []) xml += ` ${name}="${escapeAttribute(value)}"`;
  return xml;
}

/** `_rels/.rels`. */
export function rootRelsXml(): string {
  return relationshipsXml([
    { id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' },
    { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
    { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
  ]);
}

/** Any `.rels` part. */
export function relationshipsXml(rels: readonly Relationship[]): string {
  return RELATIONSHIPS_START + rels.map(relationshipXml).join('') + RELATIONSHIPS_END;
}

/** The start of a `.rels` part, before its `<Relationship>` elements. */
export const RELATIONSHIPS_START = `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`;
/** The end of a `.rels` part. */
export const RELATIONSHIPS_END = '</Relationships>';

/** One `<Relationship>` element of a `.rels` part. */
export function relationshipXml(r: Relationship): string {
  return `<Relationship Id="${r.id}" Type="${escapeAttribute(r.type)}" Target="${escapeAttribute(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`;
}

/**
 * The XML of external relationships of one `type`, as {@link relationshipXml} writes them, with the
 * type escaped once: for the 65,530 hyperlinks of a sheet, each relationship is one concatenation.
 * @example externalRelationshipXml(HYPERLINK)(7, 'https://x.org/?a&b') // <Relationship Id="rId7" … Target="https://x.org/?a&#38;b" TargetMode="External"/>
 */
export function externalRelationshipXml(type: string): (id: number, target: string) => string {
  const middle = `" Type="${escapeAttribute(type)}" Target="`;
  return (id, target) => `<Relationship Id="rId${id}${middle}${escapeAttribute(target)}" TargetMode="External"/>`;
}

/** `docProps/core.xml`: creator, created and modified. */
export function coreXml(creator: string, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    // plain Dublin Core, which no reader decodes `_xHHHH_` in
    (creator ? `<dc:creator>${xmlText(creator.toWellFormed())}</dc:creator>` : '') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** `docProps/app.xml`: the application and the sheet names. */
export function appXml(sheets: readonly WorkbookSheet[]): string {
  const titles = sheets.map((s) => `<vt:lpstr>${escapeText(s.name)}</vt:lpstr>`).join('');
  return (
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>rowport</Application>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>` +
    `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    '</Properties>'
  );
}
