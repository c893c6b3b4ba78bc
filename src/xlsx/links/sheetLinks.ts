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
  /** The links not yet packed: at most {@link PACK}. */
  private readonly refs: string[] = [];
  private readonly targets: string[] = [];
  /** The links packed {@link PACK} at a time into flat strings (refs by ' ', targets by '\n'): no string header per link. */
  private packedRefs: string[] = [];
  private packedTargets: string[] = [];
  private count = 0;
  private chars = 0;
  private full = false;

  /** @param onFull - Called once per physical sheet, with the row of the first link that did not fit. */
  constructor(private readonly onFull: (row: number, why: string) => void) {}

  /**
   * Takes the link of cell `ref` to `target`, unless the physical sheet is full.
   * @param target - A target `linkTarget` accepted: no space or control character.
   * @returns False when it is: write the link as a formula.
   */
  add(ref: string, target: string, row: number): boolean {
    // Once full, full for the rest of the physical sheet: a shorter target later is a formula too.
    if (!this.full && this.count < MAX_SHEET_LINKS && this.chars + target.length <= MAX_HELD_LINK_CHARS) {
      this.refs.push(ref);
      this.targets.push(target);
      this.count++;
      this.chars += target.length;
      if (this.refs.length === PACK) this.pack();
      return true;
    }
    if (!this.full) {
      this.full = true;
      const why =
        this.count < MAX_SHEET_LINKS
          ? `its links' targets pass the ${MAX_HELD_LINK_CHARS} characters rowport holds for one sheet`
          : `it holds Excel's most hyperlinks, ${MAX_SHEET_LINKS}`;
      this.onFull(row, why);
    }
    return false;
  }

  /**
   * The `<hyperlinks>` items of the physical sheet ending now (each item many `<hyperlink>`s), their
   * relationships added to its `.rels` part; then starts over for the next physical sheet.
   */
  take(part: PartContext): readonly string[] {
    if (this.refs.length > 0) this.pack();
    const { packedRefs, packedTargets, count } = this;
    this.packedRefs = [];
    this.packedTargets = [];
    this.count = 0;
    this.chars = 0;
    this.full = false;
    if (count === 0) return [];
    let id = part.addExternalRelationships(HYPERLINK_REL, count, unpacked(packedTargets));
    // One flat string a pack, built by the regex engine: no tree of 8,192 strings a pack that lives
    // (and is copied by each young-generation GC) until the sheet's tail is written.
    return packedRefs.map((refs) => refs.replace(PACKED_REF, (_, ref: string) => `<hyperlink ref="${ref}" r:id="rId${id++}"/>`));
  }

  private pack(): void {
    this.packedRefs.push(this.refs.join(' '));
    this.packedTargets.push(this.targets.join('\n'));
    this.refs.length = 0;
    this.targets.length = 0;
  }
}

// --- internal ---

/** Links packed into one string. */
const PACK = 4_096;

/** One ref of a pack and the space after it. */
const PACKED_REF = /(\S+) ?/g;

/** The targets of packed strings, one pack split at a time. */
function* unpacked(packs: readonly string[]): Generator<string> {
  for (const pack of packs) yield* pack.split('\n');
}
