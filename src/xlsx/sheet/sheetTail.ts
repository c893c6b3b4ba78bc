import { CHUNK_CHARS } from '../../writer/chunks.js';
import { TAIL_ELEMENTS, TAIL_LISTS, type SheetTail, type TailElement, type TailList } from '../seam/feature.js';

/** Elements that may appear several times in a sheet; any other tail element appears at most once. */
const REPEATED: ReadonlySet<TailElement> = new Set(['conditionalFormatting']);

/**
 * The tail of one physical sheet (everything after `<sheetData>`), gathered from the features in
 * list order: whole elements, items of the wrappers that may appear only once (`mergeCells`,
 * `dataValidations`, `hyperlinks`, `tableParts`), and the drawing the assembly owns.
 */
export class SheetTailXml {
  private readonly whole = new Map<TailElement, string>();
  private readonly items = new Map<TailList, string[]>();

  /**
   * Adds a feature's tail.
   * @throws {Error} When two features write an element that may appear only once (a bug of the feature list).
   */
  add(tail: SheetTail, feature: string): void {
    for (const [element, value] of Object.entries(tail) as [TailElement, string | readonly string[] | undefined][]) {
      if (value === undefined || value.length === 0) continue;
      if (typeof value !== 'string') {
        const list = this.items.get(element as TailList);
        if (list) list.push(...value);
        else this.items.set(element as TailList, [...value]);
      } else if (this.whole.has(element) && !REPEATED.has(element)) {
        throw new Error(`rowport: the feature ${feature} writes <${element}>, which another feature wrote: it may appear once in a sheet`);
      } else {
        this.whole.set(element, (this.whole.get(element) ?? '') + value);
      }
    }
  }

  /**
   * The tail's XML in schema order, with `drawing` (the sheet's `<drawing r:id=…/>`) when there is
   * one, in pieces of about {@link CHUNK_CHARS} or more: written one at a time, the 65,530 hyperlinks of
   * a sheet (2.3 MB) are never one string, nor one buffer.
   */
  pieces(drawing: string): string[] {
    const out: string[] = [];
    let xml = '';
    const add = (text: string): void => {
      xml += text;
      if (xml.length < CHUNK_CHARS) return;
      out.push(xml);
      xml = '';
    };
    for (const element of TAIL_ELEMENTS) {
      if (element === 'drawing') add(drawing);
      else if (!Object.hasOwn(TAIL_LISTS, element)) add(this.whole.get(element) ?? '');
      else {
        const items = this.items.get(element as TailList);
        if (items === undefined || items.length === 0) continue;
        add(`<${element}${TAIL_LISTS[element as TailList] ? ` count="${items.length}"` : ''}>`);
        for (const item of items) add(item);
        add(`</${element}>`);
      }
    }
    if (xml !== '' || out.length === 0) out.push(xml);
    return out;
  }
}
