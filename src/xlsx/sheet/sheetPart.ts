import { RowportError, RowportErrorCode } from '../../errors.js';
import type { PartContext, SheetHooks } from '../features/feature.js';
import { type Relationship, relationshipsXml } from '../package/packageParts.js';
import type { WorkbookState } from '../package/workbookState.js';
import { ownProperties } from '../../util/optionKeys.js';
import { quoteSheetName } from './cellRef.js';
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
  const ctx: PartContext & { lastRow: number } = {
    sheetIndex,
    sheetName: name,
    quotedName: quoteSheetName(name),
    sheetPath,
    part: number,
    lastRow: firstDataRow - 1,
    addRelationship(type, target, external = false) {
      const id = `rId${rels.length + 1}`;
      rels.push(external ? { id, type, target, external } : { id, type, target });
      return id;
    },
    addPart(partName, data, contentType) {
      parts.push({ name: partName, data });
      if (contentType !== undefined) state.overrides.set(`/${partName}`, contentType);
    },
    nextNumber(kind) {
      const next = (state.counters.get(kind) ?? 0) + 1;
      state.counters.set(kind, next);
      return next;
    },
  };
  let sheetPr = '';
  let colAttributes: (string | undefined)[] | undefined;
  for (const hook of hooks) {
    const given = hook.head?.(ctx);
    if (given === undefined) continue;
    const head = ownProperties(given);
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
      const tail: Record<string, string> = Object.create(null); // read by element name: nothing inherited
      for (const hook of hooks) {
        const fragments = hook.tail?.(ctx);
        if (fragments === undefined) continue;
        for (const [element, xml] of Object.entries(fragments)) if (xml) tail[element] = (tail[element] ?? '') + xml;
      }
      await write(sheetEnd(tail));
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
