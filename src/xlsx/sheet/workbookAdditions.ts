import type { DefinedName, WorkbookAttributeElement, WorkbookFinish } from '../seam/feature.js';
import { quoteSheetName } from '../xml/cellRef.js';
import type { SheetNames } from '../package/sheetName.js';
import type { Relationship, ScopedName, WorkbookSheet } from '../package/packageParts.js';
import type { ZipSink } from '../../platform/platform.js';
import type { FeatureState } from '../settings/sheetSettings.js';

/** The package a workbook's sheets and features build together. */
export interface WorkbookAdditionsHost {
  readonly zip: ZipSink;
  readonly names: SheetNames;
  /** Physical sheets in order, continuations (and features' own sheets) included. */
  readonly sheets: WorkbookSheet[];
  readonly definedNames: ScopedName[];
  /** Content-type overrides added by features: part name (`/xl/charts/chart1.xml`) → type. */
  readonly overrides: Map<string, string>;
  /** Workbook-wide counters of features (`chart`, `drawing`). */
  readonly counters: Map<string, number>;
  /** Workbook-wide state of features, made at the call (see `SheetStart.shared`). */
  readonly state: FeatureState;
}

/**
 * The workbook as features add to it (`SheetStart.workbook`, `WorkbookFeature.finish`): attributes
 * of `workbook.xml`, defined names, sheets of their own, parts and relationships of the workbook.
 */
export class WorkbookAdditions implements WorkbookFinish {
  /** Attributes set by features, by element, in the order set. */
  readonly attributes = new Map<WorkbookAttributeElement, Map<string, string>>();
  /** Relationships from `xl/workbook.xml` that features added (after the sheets' and the styles'). */
  readonly relationships: Omit<Relationship, 'id'>[] = [];

  constructor(private readonly host: WorkbookAdditionsHost) {}

  setAttribute(element: WorkbookAttributeElement, name: string, value: string): void {
    const attributes = this.attributes.get(element) ?? new Map<string, string>();
    attributes.set(name, value);
    this.attributes.set(element, attributes);
  }

  addDefinedName(name: DefinedName & { readonly sheetIndex?: number | undefined }): void {
    const { sheetIndex = 0, ...rest } = name;
    this.host.definedNames.push({ ...rest, sheetIndex });
  }

  shared<T>(key: string, make: () => T): T {
    return this.host.state.get(key, make);
  }

  addSheet(sheet: { readonly name: string; readonly xml: string; readonly state?: 'visible' | 'hidden' | 'veryHidden' }): {
    readonly quotedName: string;
    readonly sheetIndex: number;
  } {
    const { sheets, zip } = this.host;
    const sheetIndex = sheets.length;
    const name = this.host.names.add(sheet.name, `Sheet${sheetIndex + 1}`);
    const path = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
    sheets.push(sheet.state === undefined || sheet.state === 'visible' ? { name, path } : { name, path, state: sheet.state });
    zip.addBuffer(path, sheet.xml);
    return { quotedName: quoteSheetName(name), sheetIndex };
  }

  addPart(name: string, data: string | Uint8Array, contentType?: string): void {
    this.host.zip.addBuffer(name, data);
    if (contentType !== undefined) this.host.overrides.set(`/${name}`, contentType);
  }

  addRelationship(type: string, target: string): string {
    this.relationships.push({ type, target });
    // The sheets are rId1…rIdN and the styles rId(N+1): features' relationships follow (see workbookRelsXml).
    return `rIdx${this.relationships.length}`;
  }

  nextNumber(kind: string): number {
    const { counters } = this.host;
    const next = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, next);
    return next;
  }
}
