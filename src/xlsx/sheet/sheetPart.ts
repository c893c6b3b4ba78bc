import { RowportError, RowportErrorCode } from '../../errors.js';
import type { PartContext, SheetHooks } from '../features/feature.js';
import { type Relationship, relationshipsXml } from '../package/packageParts.js';
import type { WorkbookState } from '../package/workbookState.js';
import { quoteSheetName } from './cellRef.js';
import { SheetDrawing } from './sheetDrawing.js';
import { SheetTailXml } from './sheetTail.js';
import { sheetEnd, sheetHead } from './sheetXml.js';

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
}

/** One physical sheet being written: `Name`, or a continuation `Name (2)`. */
export interface SheetPart {
  /** 1 for the sheet itself, 2, 3, … for continuations. */
  readonly number: number;
  /** The XML up to the first data row (head, rows above the header, header). */
  readonly start: string;
  /** Writes XML (text or UTF-8 bytes) into the part, waiting while the zip is behind. */
  write(xml: string | Buffer): Promise<void>;
  /** Writes the end of the part, then its relationships and the features' parts and names. */
  finish(lastRow: number): Promise<void>;
}

/** Opens a sheet part in the zip and lists it in the workbook. */
export function openPart(state: WorkbookState, layout: SheetLayout, name: string, number: number, firstDataRow: number): SheetPart {
  const sheetIndex = state.sheets.length;
  const sheetPath = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
  state.sheets.push({ name, path: sheetPath });
  const rels: Relationship[] = [];
  const parts: { name: string; data: string | Buffer }[] = [];
  const { hooks } = layout;
  const addRelationship = (type: string, target: string, external = false): string => {
    const id = `rId${rels.length + 1}`;
    rels.push(external ? { id, type, target, external } : { id, type, target });
    return id;
  };
  const reservePart = (partName: string, contentType: string | undefined) => {
    const entry = { name: partName, data: '' as string | Buffer };
    parts.push(entry);
    if (contentType !== undefined) state.overrides.set(`/${partName}`, contentType);
    return (data: string | Buffer) => {
      entry.data = data;
    };
  };
  const nextNumber = (kind: string): number => state.book.nextNumber(kind);
  const drawing = new SheetDrawing({ addRelationship, reservePart, nextNumber });
  const ctx: PartContext & { lastRow: number } = {
    sheetIndex,
    sheetName: name,
    quotedName: quoteSheetName(name),
    sheetPath,
    part: number,
    lastRow: firstDataRow - 1,
    addRelationship,
    addPart: (partName, data, contentType) => reservePart(partName, contentType)(data),
    nextNumber,
    drawing,
  };
  let sheetPr = '';
  let colAttributes: (string | undefined)[] | undefined;
  for (const hook of hooks) {
    const head = hook.head?.(ctx);
    if (head === undefined) continue;
    sheetPr += head.sheetPr ?? '';
    if (head.cols) {
      colAttributes ??= [];
      head.cols.forEach((attributes, c) => {
        if (attributes !== undefined) colAttributes![c] = (colAttributes![c] ?? '') + attributes;
      });
    }
  }
  let rowsAbove = '';
  for (const hook of hooks) rowsAbove += hook.rowsAbove?.(ctx) ?? '';
  const entry = state.zip.openEntry(sheetPath);
  const write = async (xml: string | Buffer): Promise<void> => {
    if (state.cancelled) throw cancelled();
    if (xml.length === 0) return;
    const wait = entry.write(xml);
    if (wait) await wait;
    if (state.cancelled) throw cancelled();
  };
  const head = sheetHead({ selected: sheetIndex === 0, frozenRows: layout.frozenRows, widths: layout.widths, sheetPr, colAttributes });
  return {
    number,
    start: head + rowsAbove + layout.headerXml,
    write,
    async finish(lastRow) {
      ctx.lastRow = lastRow;
      let below = '';
      for (const hook of hooks) below += hook.rowsBelow?.(ctx) ?? '';
      if (below) await write(below);
      const tail = new SheetTailXml();
      hooks.forEach((hook, i) => {
        const fragments = hook.tail?.(ctx);
        if (fragments !== undefined) tail.add(fragments, layout.names[i] ?? String(i));
      });
      await write(sheetEnd(tail.toXml(drawing.finish())));
      entry.end();
      for (const hook of hooks) for (const n of hook.definedNames?.(ctx) ?? []) state.definedNames.push({ ...n, sheetIndex });
      if (rels.length > 0) state.zip.addBuffer(`xl/worksheets/_rels/sheet${sheetIndex + 1}.xml.rels`, relationshipsXml(rels));
      for (const p of parts) state.zip.addBuffer(p.name, p.data);
    },
  };
}

// --- internal ---

function cancelled(): RowportError {
  return new RowportError(RowportErrorCode.Aborted, 'The export was stopped');
}
