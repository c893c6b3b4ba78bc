import { RowportError, RowportErrorCode } from '../errors.js';
import type { ResolvedColumn } from '../columns/resolveColumns.js';
import type { SheetContext, SheetTail } from './extras.js';
import { type Relationship, relationshipsXml } from './packageParts.js';
import { TAIL_ELEMENTS } from './extras.js';
import { columnLetters, quoteSheetName } from './cellRef.js';
import { sheetEnd, sheetHead } from './sheetXml.js';
import type { SheetJob } from './writeSheet.js';
import type { WorkbookState } from './workbookState.js';

/** What every part of one logical sheet shares. */
export interface SheetLayout {
  readonly columns: readonly ResolvedColumn[];
  readonly widths: readonly (number | undefined)[];
  readonly header: boolean;
  /** The header row's XML, '' without a header. */
  readonly headerXml: string;
}

/** One physical sheet being written: `Name`, or a continuation `Name (2)`. */
export interface SheetPart {
  /** 1 for the sheet itself, 2, 3, … for continuations. */
  readonly number: number;
  /** The XML up to the first data row (head and header). */
  readonly start: string;
  /** Writes XML (text or UTF-8 bytes) into the part, waiting while the zip is behind. */
  write(xml: string | Buffer): Promise<void>;
  /** Writes the rest and the end of the part, then its relationships and the features' parts. */
  finish(xml: string, lastRow: number): Promise<void>;
}

/** Opens a sheet part in the zip and lists it in the workbook. */
export function openPart<T>(state: WorkbookState, job: SheetJob<T>, layout: SheetLayout, name: string, number: number): SheetPart {
  const sheetIndex = state.sheets.length;
  const sheetPath = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
  state.sheets.push({ name, path: sheetPath });
  const rels: Relationship[] = [];
  const parts: { name: string; data: string | Buffer }[] = [];
  const { header } = layout;
  const ctx: SheetContext & { lastRow: number } = {
    sheetIndex,
    sheetName: name,
    quotedName: quoteSheetName(name),
    sheetPath,
    part: number,
    columns: layout.columns,
    widths: layout.widths,
    header,
    firstDataRow: header ? 2 : 1,
    lastRow: header ? 1 : 0,
    addRelationship(type, target) {
      const id = `rId${rels.length + 1}`;
      rels.push({ id, type, target });
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
  const sheetPr = job.extras.map((e) => e.head?.(ctx).sheetPr ?? '').join('');
  const entry = state.zip.openEntry(sheetPath);
  const write = async (xml: string | Buffer): Promise<void> => {
    if (state.cancelled) throw cancelled();
    if (xml.length === 0) return;
    const wait = entry.write(xml);
    if (wait) await wait;
    if (state.cancelled) throw cancelled();
  };
  return {
    number,
    start: sheetHead({ selected: sheetIndex === 0, freezeHeader: header && state.look.freezeHeader, widths: layout.widths, sheetPr }) + layout.headerXml,
    write,
    async finish(xml, lastRow) {
      ctx.lastRow = lastRow;
      const tail: Record<string, string> = {};
      for (const extra of job.extras) {
        const fragments: SheetTail = extra.tail?.(ctx) ?? {};
        for (const element of TAIL_ELEMENTS) if (fragments[element]) tail[element] = (tail[element] ?? '') + fragments[element];
      }
      const lastColumn = columnLetters(Math.max(0, layout.columns.length - 1));
      const filter = header && state.look.autoFilter ? `A1:${lastColumn}${Math.max(1, lastRow)}` : undefined;
      await write(xml + sheetEnd(filter, tail));
      entry.end();
      if (filter !== undefined) {
        state.definedNames.push({
          name: '_xlnm._FilterDatabase',
          value: `${ctx.quotedName}!$A$1:$${lastColumn}$${Math.max(1, lastRow)}`,
          local: true,
          hidden: true,
          sheetIndex,
        });
      }
      for (const extra of job.extras) for (const n of extra.definedNames?.(ctx) ?? []) state.definedNames.push({ ...n, sheetIndex });
      if (rels.length > 0) state.zip.addBuffer(`xl/worksheets/_rels/sheet${sheetIndex + 1}.xml.rels`, relationshipsXml(rels));
      for (const p of parts) state.zip.addBuffer(p.name, p.data);
    },
  };
}

// --- internal ---

function cancelled(): RowportError {
  return new RowportError(RowportErrorCode.Aborted, 'The export was stopped');
}
