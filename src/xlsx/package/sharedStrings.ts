import { CHUNK_CHARS } from '../../writer/chunks.js';
import { XML_DECLARATION, escapeCellText, needsPreserve } from '../xml/xmlText.js';
import type { TextChunk, ZipEntrySink } from '../../platform/platform.js';

/** The part name of the shared-string table. */
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
/** Its content type. */
export const SHARED_STRINGS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
/** The type of the workbook's relationship to it. */
export const SHARED_STRINGS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';

/** The bounds of a workbook's shared-string table, resolved. */
export interface SharedStringsBounds {
  /** Most distinct strings the table holds. */
  readonly maxStrings: number;
  /** Most text it holds, in bytes counted as 2 per UTF-16 code unit. */
  readonly maxBytes: number;
}

/**
 * A workbook's bounded shared-string table (`xl/sharedStrings.xml`): a text cell refers to its
 * string by index (`t="s"`), so a repeated text costs its index instead of its text. The table
 * takes strings in the order cells first use them until it holds `maxStrings` strings or
 * `maxBytes` of text; a string that finds no room is written inline by its cell (`t="inlineStr"`),
 * so memory stays bounded whatever the data. The part is written after the last sheet, when
 * `count` (the cells that refer to it) is known.
 */
export class SharedStrings {
  /** Cells that refer to the table, on every sheet. */
  private count = 0;
  private bytes = 0;
  /** Each string → the end of its cell after the style: ` t="s"><v>7</v></c>`; in index order. */
  private readonly table = new Map<string, string>();

  constructor(private readonly bounds: SharedStringsBounds) {}

  /**
   * The end of a cell that refers to `text` (` t="s"><v>7</v></c>`, after `<c r="B2" s="1"`),
   * adding it to the table while there is room; undefined when the cell must hold it inline.
   * @param text - The text as the cell holds it (repaired and cut, see `cellText`), not empty.
   */
  cellEnd(text: string): string | undefined {
    let end = this.table.get(text);
    if (end === undefined) {
      const size = this.table.size;
      const bytes = 2 * text.length;
      if (size >= this.bounds.maxStrings || this.bytes + bytes > this.bounds.maxBytes) return undefined;
      this.bytes += bytes;
      end = ` t="s"><v>${size}</v></c>`;
      this.table.set(ownCopy(text), end);
    }
    this.count++;
    return end;
  }

  /** Distinct strings in the table. */
  get size(): number {
    return this.table.size;
  }

  /**
   * Writes the table into its zip entry in ~64 KiB pieces, with backpressure, and ends it.
   * @param chunk - A fresh text chunk of the runtime (`Platform.textChunk()`).
   * @param stopped - Asked between pieces: true stops the writing (the export was cancelled).
   */
  async write(entry: ZipEntrySink, chunk: TextChunk, stopped: () => boolean): Promise<void> {
    chunk.add(
      `${XML_DECLARATION}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.table.size}">`,
    );
    for (const text of this.table.keys()) {
      chunk.add(`<si>${needsPreserve(text) ? '<t xml:space="preserve">' : '<t>'}${escapeCellText(text)}</t></si>`);
      if (chunk.chars >= CHUNK_CHARS) {
        const wait = entry.write(chunk.take());
        if (wait) await wait;
        if (stopped()) return;
      }
    }
    chunk.add('</sst>');
    entry.write(chunk.take());
    entry.end();
  }
}

// --- internal ---

/**
 * A copy of text that holds nothing else: V8 may keep a string of 13 or more characters as a
 * slice of a larger one (a parser's whole input chunk), which a table entry would keep alive.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string); // a new string on every runtime (no Buffer)
}
