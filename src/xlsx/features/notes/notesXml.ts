import { XML_DECLARATION, escapeCellText, needsPreserve } from '../../xml/xmlText.js';
import { columnLetters } from '../../xml/cellRef.js';
import { MAX_SHEET_ROWS } from '../../xml/sheetXml.js';

/** One note placed on a cell: 0-based column, 1-based row, its text. */
export interface PlacedNote {
  readonly col: number;
  readonly row: number;
  readonly text: string;
}

/** Shapes of one VML block (`o:idmap` data): shape ids are `1024 × block + n`. */
export const SHAPES_PER_BLOCK = 1024;

/**
 * The comments part (`xl/commentsN.xml`, ECMA-376 Part 1, §18.7) of one physical sheet.
 * @example commentsXml([{ col: 1, row: 1, text: 'Out of 20' }]) // …<comment ref="B1" authorId="0"><text><t>Out of 20</t></text></comment>…
 */
export function commentsXml(notes: readonly PlacedNote[]): string {
  let list = '';
  for (const { col, row, text } of notes) {
    list += `<comment ref="${columnLetters(col)}${row}" authorId="0"><text>${needsPreserve(text) ? '<t xml:space="preserve">' : '<t>'}${escapeCellText(text)}</t></text></comment>`;
  }
  return (
    `${XML_DECLARATION}<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<authors><author></author></authors><commentList>${list}</commentList></comments>`
  );
}

/**
 * The VML drawing of the notes (`xl/drawings/vmlDrawingN.vml`): the box of each note, hidden
 * until its cell is pointed at, as Excel writes it; every reader needs it to show the notes.
 * @param blocks - The part's VML shape blocks (unique in the workbook), one per 1,024 notes.
 */
export function notesVml(notes: readonly PlacedNote[], blocks: readonly number[]): string {
  let shapes = '';
  notes.forEach(({ col, row }, i) => {
    const id = (blocks[Math.floor(i / SHAPES_PER_BLOCK)] as number) * SHAPES_PER_BLOCK + (i % SHAPES_PER_BLOCK) + 1;
    const top = Math.min(row - 1, MAX_SHEET_ROWS - 5);
    shapes +=
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${top}, 2, ${col + 3}, 15, ${top + 4}, 16</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
  });
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>' +
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`
  );
}
