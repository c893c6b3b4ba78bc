import type { DrawingContext } from '../seam/feature.js';
import { relationshipsXml, type Relationship } from '../package/packageParts.js';
import { XML_DECLARATION } from '../xml/xmlText.js';

/** Content type of a drawing part. */
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Relationship type from a sheet to its drawing. */
export const DRAWING_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';

const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** Where the drawing's parts go: the sheet part's own relationships and zip entries. */
export interface DrawingHost {
  addRelationship(type: string, target: string): string;
  /** Reserves the place of a zip entry among the sheet's parts; `fill` gives its content when the sheet ends. */
  reservePart(name: string, contentType: string | undefined): (data: string) => void;
  nextNumber(kind: string): number;
}

/**
 * The one drawing part of a physical sheet, shared by the features that draw. Made on the first
 * anchor or relationship (numbered then, with the sheet's relationship to it), so a sheet without
 * one has none; written when the sheet ends.
 */
export class SheetDrawing implements DrawingContext {
  private readonly anchors: string[] = [];
  private readonly rels: Relationship[] = [];
  private opened: { tag: string; fillPart: (data: string) => void; fillRels: (data: string) => void } | undefined;

  constructor(private readonly host: DrawingHost) {}

  addRelationship(type: string, target: string): string {
    this.open();
    const id = `rId${this.rels.length + 1}`;
    this.rels.push({ id, type, target });
    return id;
  }

  addAnchor(anchor: (objectId: number) => string): void {
    this.open();
    this.anchors.push(anchor(this.anchors.length + 2));
  }

  /** Writes the drawing's parts, and returns the sheet's `<drawing r:id=…/>` ('' without a drawing). */
  finish(): string {
    if (!this.opened) return '';
    this.opened.fillPart(`${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${this.anchors.join('')}</xdr:wsDr>`);
    this.opened.fillRels(relationshipsXml(this.rels));
    return this.opened.tag;
  }

  // --- internal ---

  private open(): void {
    if (this.opened) return;
    const n = this.host.nextNumber('drawing');
    const fillPart = this.host.reservePart(`xl/drawings/drawing${n}.xml`, DRAWING_CONTENT_TYPE);
    const fillRels = this.host.reservePart(`xl/drawings/_rels/drawing${n}.xml.rels`, undefined);
    const id = this.host.addRelationship(DRAWING_REL_TYPE, `../drawings/drawing${n}.xml`);
    this.opened = { tag: `<drawing r:id="${id}"/>`, fillPart, fillRels };
  }
}
