import { RowportError, RowportErrorCode } from '../../errors.js';
import type { PartContext, SheetHooks } from '../seam/feature.js';
import {
  RELATIONSHIPS_END,
  RELATIONSHIPS_START,
  type Relationship,
  externalRelationshipXml,
  relationshipXml,
  relationshipsXml,
} from '../package/packageParts.js';
import { CHUNK_CHARS } from '../../writer/chunks.js';
import type { WorkbookState } from './workbookState.js';
import { ownProperties } from '../../base/optionKeys.js';
import { quoteSheetName } from '../xml/cellRef.js';
import { SheetDrawing } from './sheetDrawing.js';
import { SheetTailXml } from './sheetTail.js';
import { sheetEnd, sheetHead } from '../xml/sheetXml.js';

/** What every part of one logical sheet shares. */
export interface SheetLayout {
  readonly widths: readonly (number | undefined)[];
  /** Rows frozen at the top: the header row and the rows above it; 0 for none. */
  readonly frozenRows: number;
  /** The header row's XML, '' without a header. */
  readonly headerXml: string;
  /** The features' hooks for this sheet, in list order. */
  readonly hooks: readonly SheetHooks[];
  /** The features' names, as `hooks` (for messages). */
  readonly names: readonly string[];
  /** 1-based row of the first data row on every part. */
  readonly firstDataRow: number;
}

/** One physical sheet being written: `Name`, or a continuation `Name (2)`. */
export interface SheetPart {
  /** 1 for the sheet itself, 2, 3, … for continuations (as `PartContext.part`). */
  readonly part: number;
  /** The XML up to the first data row (head, rows above the header, header). */
  readonly start: string;
  /** Writes XML (text or UTF-8 bytes) into the part, waiting while the zip is behind. */
  write(xml: string | Uint8Array): Promise<void>;
  /** Writes the end of the part, then its relationships and the features' parts and names. */
  finish(lastRow: number): Promise<void>;
}

/** Opens a sheet part in the zip and lists it in the workbook. */
export function openPart(state: WorkbookState, layout: SheetLayout, part: { readonly name: string; readonly part: number }): SheetPart {
  const sheetIndex = state.sheets.length;
  const sheetPath = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
  state.sheets.push({ name: part.name, path: sheetPath });
  const { hooks } = layout;
  const owned = new PartOwned(state);
  const ctx: PartContext & { lastRow: number } = {
    sheetIndex,
    sheetName: part.name,
    quotedName: quoteSheetName(part.name),
    sheetPath,
    part: part.part,
    lastRow: layout.firstDataRow - 1,
    addRelationship: (type, target, external) => owned.addRelationship(type, target, external),
    addExternalRelationships: (type, count, targets) => owned.addExternalRelationships(type, count, targets),
    addPart: (name, data, contentType) => owned.reservePart(name, contentType)(data),
    nextNumber: (kind) => state.book.nextNumber(kind),
    drawing: owned.drawing,
  };
  const { sheetPr, colAttributes } = headFragments(hooks, ctx);
  let rowsAbove = '';
  for (const hook of hooks) rowsAbove += hook.rowsAbove?.(ctx) ?? '';
  const entry = state.zip.openEntry(sheetPath);
  const write = async (xml: string | Uint8Array): Promise<void> => {
    if (state.cancelled) throw cancelled();
    if (xml.length === 0) return;
    const wait = entry.write(xml);
    if (wait) await wait;
    if (state.cancelled) throw cancelled();
  };
  const head = sheetHead({ selected: sheetIndex === 0, frozenRows: layout.frozenRows, widths: layout.widths, sheetPr, colAttributes });
  return {
    part: part.part,
    start: head + rowsAbove + layout.headerXml,
    write,
    async finish(lastRow) {
      ctx.lastRow = lastRow;
      let below = '';
      for (const hook of hooks) below += hook.rowsBelow?.(ctx) ?? '';
      if (below) await write(below);
      for (const piece of sheetEnd(tailPieces(layout, ctx, owned.drawing))) await write(piece);
      entry.end();
      for (const hook of hooks) for (const n of hook.definedNames?.(ctx) ?? []) state.definedNames.push({ ...n, sheetIndex });
      await owned.finish(`xl/worksheets/_rels/sheet${sheetIndex + 1}.xml.rels`);
    },
  };
}

// --- internal ---

/** What one sheet part owns besides its XML: its relationships, the parts features add, its drawing. */
class PartOwned {
  private readonly rels: (Relationship | ExternalBlock)[] = [];
  private relCount = 0;
  private blocks = false;
  private readonly parts: { name: string; data: string | Uint8Array }[] = [];
  readonly drawing: SheetDrawing;

  constructor(private readonly state: WorkbookState) {
    this.drawing = new SheetDrawing({
      addRelationship: (type, target) => this.addRelationship(type, target),
      reservePart: (name, contentType) => this.reservePart(name, contentType),
      nextNumber: (kind) => state.book.nextNumber(kind),
    });
  }

  addRelationship(type: string, target: string, external = false): string {
    const id = `rId${++this.relCount}`;
    this.rels.push(external ? { id, type, target, external } : { id, type, target });
    return id;
  }

  addExternalRelationships(type: string, count: number, targets: Iterable<string>): number {
    const first = this.relCount + 1;
    this.relCount += count;
    this.rels.push({ first, count, type, targets });
    this.blocks = true;
    return first;
  }

  /** Takes the place of a zip entry now (entries keep the order features add them); its data may come later. */
  reservePart(name: string, contentType: string | undefined): (data: string | Uint8Array) => void {
    const entry = { name, data: '' as string | Uint8Array };
    this.parts.push(entry);
    if (contentType !== undefined) this.state.overrides.set(`/${name}`, contentType);
    return (data) => {
      entry.data = data;
    };
  }

  /**
   * Adds the sheet's relationships part (when it has any) and the features' parts to the zip. With
   * blocks of external relationships (links: up to 65,530 of them) the part is streamed in ~64 KiB
   * pieces, never built whole.
   */
  async finish(relsPath: string): Promise<void> {
    if (!this.blocks) {
      if (this.rels.length > 0) this.state.zip.addBuffer(relsPath, relationshipsXml(this.rels as Relationship[]));
    } else {
      await this.streamRels(relsPath);
    }
    for (const p of this.parts) this.state.zip.addBuffer(p.name, p.data);
  }

  private async streamRels(relsPath: string): Promise<void> {
    const entry = this.state.zip.openEntry(relsPath);
    let xml = RELATIONSHIPS_START;
    for (const r of this.rels) {
      if (!('targets' in r)) {
        xml += relationshipXml(r);
        continue;
      }
      const { type, first, count, targets } = r;
      const external = externalRelationshipXml(type);
      let id = first;
      for (const target of targets) {
        if (id >= first + count) break;
        xml += external(id++, target);
        if (xml.length >= CHUNK_CHARS) {
          if (this.state.cancelled) throw cancelled();
          await entry.write(xml);
          xml = '';
        }
      }
    }
    if (this.state.cancelled) throw cancelled();
    await entry.write(xml + RELATIONSHIPS_END);
    entry.end();
  }
}

/** External relationships added as one block (see `PartContext.addExternalRelationships`). */
interface ExternalBlock {
  readonly first: number;
  readonly count: number;
  readonly type: string;
  readonly targets: Iterable<string>;
}

/** The features' `<sheetPr>` children and `<col>` attributes, in list order. */
function headFragments(hooks: readonly SheetHooks[], ctx: PartContext): { sheetPr: string; colAttributes: (string | undefined)[] | undefined } {
  let sheetPr = '';
  let colAttributes: (string | undefined)[] | undefined;
  for (const hook of hooks) {
    const given = hook.head?.(ctx);
    if (given === undefined) continue;
    const head = ownProperties(given); // read by name: nothing inherited
    sheetPr += head.sheetPr ?? '';
    if (head.cols) {
      const cols = (colAttributes ??= []);
      head.cols.forEach((attributes, c) => {
        if (attributes !== undefined) cols[c] = (cols[c] ?? '') + attributes;
      });
    }
  }
  return { sheetPr, colAttributes };
}

/** The tail of the part, in pieces: every feature's fragments and items, then the drawing they share. */
function tailPieces(layout: SheetLayout, ctx: PartContext, drawing: SheetDrawing): string[] {
  const tail = new SheetTailXml();
  layout.hooks.forEach((hook, i) => {
    const fragments = hook.tail?.(ctx);
    if (fragments !== undefined) tail.add(fragments, layout.names[i] ?? String(i));
  });
  return tail.pieces(drawing.finish());
}

function cancelled(): RowportError {
  return new RowportError(RowportErrorCode.Aborted, 'The export was stopped');
}
