import type { PartContext } from '../seam/feature.js';

/** Excel's most hyperlinks on one sheet; past them, a physical sheet's links are `HYPERLINK` formulas. */
export const MAX_SHEET_LINKS = 65_530;

/**
 * The most target characters held for one physical sheet's native links (16 Mi, ~16 MB of ASCII):
 * what bounds their memory when the targets are long (65,530 targets of Excel's longest 2,079
 * characters would be 136 MB). Past it, the sheet's further links are formulas, as past
 * {@link MAX_SHEET_LINKS}. Links of ~250 characters or fewer always reach the count limit first.
 */
export const MAX_HELD_LINK_CHARS = 16 * 1024 * 1024;

/** The relationship type of a hyperlink. */
const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

/**
 * The native links (`<hyperlink ref r:id>` with one external relationship each) of the physical
 * sheet being written: each link's cell and target are held (bounded by {@link MAX_SHEET_LINKS} and
 * {@link MAX_HELD_LINK_CHARS}) until the sheet's tail, which writes them and starts over for the
 * next physical sheet (`Name (2)`).
 */
export class SheetLinks {
  private refs: string[] = [];
  private targets: string[] = [];
  private chars = 0;
  private full = false;

  /** @param onFull - Called once per physical sheet, with the row of the first link that did not fit. */
  constructor(private readonly onFull: (row: number, why: string) => void) {}

  /**
   * Takes the link of cell `ref` to `target`, unless the physical sheet is full.
   * @returns False when it is: write the link as a formula.
   */
  add(ref: string, target: string, row: number): boolean {
    // Once full, full for the rest of the physical sheet: a shorter target later is a formula too.
    if (!this.full && this.refs.length < MAX_SHEET_LINKS && this.chars + target.length <= MAX_HELD_LINK_CHARS) {
      this.refs.push(ref);
      this.targets.push(target);
      this.chars += target.length;
      return true;
    }
    if (!this.full) {
      this.full = true;
      const why =
        this.refs.length < MAX_SHEET_LINKS
          ? `its links' targets pass the ${MAX_HELD_LINK_CHARS} characters rowport holds for one sheet`
          : `it holds Excel's most hyperlinks, ${MAX_SHEET_LINKS}`;
      this.onFull(row, why);
    }
    return false;
  }

  /**
   * The `<hyperlinks>` items of the physical sheet ending now, their relationships added to its
   * `.rels` part; then starts over for the next physical sheet.
   */
  take(part: PartContext): readonly string[] {
    const { refs, targets } = this;
    this.refs = [];
    this.targets = [];
    this.chars = 0;
    this.full = false;
    if (refs.length === 0) return refs;
    const first = part.addExternalRelationships(HYPERLINK_REL, targets);
    const items = new Array<string>(refs.length);
    for (let i = 0; i < refs.length; i++) items[i] = `<hyperlink ref="${refs[i]}" r:id="rId${first + i}"/>`;
    return items;
  }
}
