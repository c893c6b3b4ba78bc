import { RowportError, RowportErrorCode, at, invalidOption, isThenable, notAwaited } from '../../../errors.js';
import { type PartContext, type SheetHooks, type SheetStart, type WorkbookFeature, columnOptions } from '../../seam/feature.js';
import { MAX_CELL_CHARS, cellText } from '../../xml/xmlText.js';
import { type PlacedNote, SHAPES_PER_BLOCK, commentsXml, notesVml } from './notesXml.js';

/**
 * Notes of the data cells of one row: column key → the note's text (`undefined` or `''` for none).
 * @example { grade: 'Handed in 3 days late', comment: undefined }
 */
export type RowNotes = Readonly<Record<string, string | undefined>>;

/**
 * The sheet option `cellNote` for rows of type `T`: the notes of one row's data cells.
 * @example (row: { late: number }) => (row.late > 0 ? { grade: `${row.late} days late` } : undefined)
 */
export type CellNote<T> = (row: T, index: number) => RowNotes | undefined;

/**
 * The sheet option of the notes feature, for rows of type `T` (`never`: any row).
 * @example toXlsx(rows, { cellNote: (row) => (row.late ? { grade: 'late' } : undefined) })
 */
export interface NotesSheetOptions<T = never> {
  /**
   * Notes (Excel's classic cell comments) on data cells, from each row: return the notes of the
   * row's cells by column key, or `undefined` for none. Called once per data row. They are kept
   * until the end of each physical sheet: at most 10,000 notes and
   * 5,000,000 characters a sheet (past it, `ROWPORT_INVALID_VALUE`). Absent: no data-cell notes.
   * @example cellNote: (row) => (row.late ? { grade: `Handed in ${row.late} days late` } : undefined)
   */
  readonly cellNote?: CellNote<T> | undefined;
}

/**
 * What a column of `toXlsx`/`toWorkbook` may add to `Column` for notes.
 * @example { key: 'grade', note: 'Out of 20' }
 */
export interface NotesColumnOptions {
  /**
   * A note on the column's header cell (on every part of a sheet continued past the row limit),
   * to say what the column means; none on a sheet without a header row. At most 32,767 characters.
   * @default none
   * @example { key: 'grade', note: 'Out of 20; blank if absent' }
   */
  readonly note?: string | undefined;
}

/** Most notes on one physical sheet, header notes included. */
export const MAX_NOTES = 10_000;
/** Most characters of the notes of one physical sheet, in all. */
export const MAX_NOTES_TEXT = 5_000_000;

/**
 * Notes: header notes from the columns, data-cell notes from `cellNote`, written after each
 * physical sheet as its comments part and the VML drawing that shows them (`<legacyDrawing>`).
 * The notes of a sheet wait in memory for its end, within `MAX_NOTES` and `MAX_NOTES_TEXT`.
 */
export const notesFeature: WorkbookFeature<NotesSheetOptions, string> = {
  name: 'notes',
  columnKeys: ['note'],
  column({ note }, where) {
    if (note === undefined) return undefined;
    if (typeof note !== 'string' || note === '' || note.length > MAX_CELL_CHARS) {
      throw invalidOption(`${where}.note`, `a non-empty string of at most ${MAX_CELL_CHARS} characters`, note);
    }
    return note;
  },
  resolve(options, settings) {
    const where = settings.where;
    const headerNotes = new Map<string, string>();
    for (const column of settings.columns ?? []) {
      const note = columnOptions(notesFeature, column);
      if (note !== undefined) headerNotes.set(column.key, note);
    }
    const { cellNote } = options;
    if (cellNote !== undefined && typeof cellNote !== 'function')
      throw invalidOption(`${where}cellNote`, 'a function (row, index) => { key: note } or undefined', cellNote);
    if (headerNotes.size === 0 && cellNote === undefined) return undefined;
    return {
      name: 'notes',
      start(sheet) {
        const notes = new SheetNotes(sheet, headerNotes, cellNote);
        const hooks: SheetHooks = { tail: (part) => notes.tail(part) };
        if (cellNote !== undefined) hooks.beforeRow = (row, index, rowNumber) => notes.row(row, index, rowNumber);
        return hooks;
      },
    };
  },
};

// --- internal ---

const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const VML_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';

/** The notes of one sheet: its header notes, and the data notes of the physical sheet being written. */
class SheetNotes {
  private readonly header: readonly PlacedNote[];
  /** The header notes' characters: they are on every physical sheet, within its `MAX_NOTES_TEXT`. */
  private readonly headerChars: number;
  private readonly columnOf: ReadonlyMap<string, number>;
  private notes: PlacedNote[] = [];
  private chars = 0;

  constructor(
    private readonly sheet: SheetStart,
    headerNotes: ReadonlyMap<string, string>,
    private readonly cellNote: CellNote<never> | undefined,
  ) {
    this.columnOf = new Map(sheet.columns.map((c, i) => [c.key, i]));
    this.header = sheet.header
      ? sheet.columns.flatMap((c, col) => {
          const note = headerNotes.get(c.key);
          return note === undefined ? [] : [{ col, row: sheet.headerRow, text: this.text(note, undefined, c.key) }];
        })
      : [];
    this.headerChars = this.header.reduce((sum, note) => sum + note.text.length, 0);
  }

  /** The row's notes, kept for the end of the physical sheet. */
  row(row: unknown, index: number, rowNumber: number): void {
    const got = this.call(row, index);
    if (got === undefined || got === null) return;
    if (isThenable(got)) throw notAwaited(got, index, undefined); // an async cellNote(): its Promise has no keys
    if (typeof got !== 'object' || Array.isArray(got)) {
      throw new RowportError(RowportErrorCode.InvalidValue, `${at(index, undefined)}cellNote() must return { columnKey: note } or undefined`, { row: index });
    }
    for (const key of Object.keys(got)) {
      const text = (got as RowNotes)[key];
      if (text === undefined || text === '') continue;
      const col = this.columnOf.get(key);
      if (col === undefined) throw this.error(index, key, `cellNote() returned a note for ${JSON.stringify(key)}, which is not a column`);
      if (typeof text !== 'string') throw this.error(index, key, 'cellNote() returned a note that is not a string');
      if (this.notes.length + this.header.length >= MAX_NOTES || this.headerChars + this.chars + text.length > MAX_NOTES_TEXT) {
        throw this.error(index, key, `a sheet holds at most ${MAX_NOTES} notes of ${MAX_NOTES_TEXT} characters in all (kept until its end)`);
      }
      this.chars += text.length;
      this.notes.push({ col, row: rowNumber, text: this.text(text, index, key) });
    }
  }

  /** The comments and VML parts of the physical sheet, and its `<legacyDrawing>`; then the next sheet starts empty. */
  tail(part: PartContext): { legacyDrawing?: string } {
    const notes = this.header.length === 0 ? this.notes : [...this.header, ...this.notes];
    this.notes = [];
    this.chars = 0;
    if (notes.length === 0) return {};
    const n = part.nextNumber('comments');
    part.addPart(`xl/comments${n}.xml`, commentsXml(notes), COMMENTS_TYPE);
    part.addRelationship(COMMENTS_REL, `../comments${n}.xml`);
    const blocks: number[] = [];
    for (let i = 0; i < notes.length; i += SHAPES_PER_BLOCK) blocks.push(part.nextNumber('vmlShapeBlock'));
    const v = part.nextNumber('vmlDrawing');
    part.addPart(`xl/drawings/vmlDrawing${v}.vml`, notesVml(notes, blocks), VML_TYPE);
    return { legacyDrawing: `<legacyDrawing r:id="${part.addRelationship(VML_REL, `../drawings/vmlDrawing${v}.vml`)}"/>` };
  }

  /** A note's text as a cell's is kept: lone surrogates replaced, cut to 32,767 characters, each with its warning. */
  private text(text: string, index: number | undefined, key: string): string {
    return cellText(text, (code, message, row, column) => this.sheet.warn(code, message, row, column), index, key, 'a note: ');
  }

  private call(row: unknown, index: number): unknown {
    try {
      return (this.cellNote as CellNote<never>)(row as never, index); // the row of the sheet's own type (see cellNote)
    } catch (error) {
      throw new RowportError(
        RowportErrorCode.InvalidValue,
        `${at(index, undefined)}cellNote() threw: ${error instanceof Error ? error.message : String(error)}`,
        { row: index, cause: error },
      );
    }
  }

  private error(index: number, key: string, message: string): RowportError {
    return new RowportError(RowportErrorCode.InvalidValue, `${at(index, key)}${message}`, { row: index, column: key });
  }
}
