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

  /** The tail's XML in schema order, with `drawing` (the sheet's `<drawing r:id=…/>`) when there is one. */
  toXml(drawing: string): string {
    let xml = '';
    for (const element of TAIL_ELEMENTS) {
      if (element === 'drawing') xml += drawing;
      else if (Object.hasOwn(TAIL_LISTS, element)) xml += wrapped(element as TailList, this.items.get(element as TailList));
      else xml += this.whole.get(element) ?? '';
    }
    return xml;
  }
}

// --- internal ---

function wrapped(element: TailList, items: readonly string[] | undefined): string {
  if (items === undefined || items.length === 0) return '';
  const count = TAIL_LISTS[element] ? ` count="${items.length}"` : '';
  return `<${element}${count}>${items.join('')}</${element}>`;
}
