/** Excel's limit on the length of a sheet name. */
export const MAX_SHEET_NAME = 31;

/**
 * The names of a workbook's sheets: repairs each name so that Excel accepts it, and keeps them
 * unique case-insensitively. Names are repaired, never rejected.
 */
export class SheetNames {
  private readonly taken = new Set<string>();

  /** Reserves a name, repaired if needed. `fallback` stands in for a blank name. */
  add(name: string, fallback: string): string {
    let base = clean(name);
    if (base === '') base = clean(fallback) || 'Sheet';
    if (base.toLowerCase() === 'history') base = `${base}_`; // Excel reserves 'History'
    return this.unique(base, 1);
  }

  /**
   * Reserves the names of a workbook's sheets, in order: first each name that needs no repair (valid
   * as given, and not given before without case), then the others, repaired or from their fallback
   * and made unique around those. A name made by a repair never takes a later sheet's own name:
   * `['', 'Sheet1']` is written `['Sheet1 (2)', 'Sheet1']`.
   */
  addAll(sheets: readonly { readonly name: string; readonly fallback: string }[]): string[] {
    const kept = sheets.map(({ name }) => {
      const key = fold(name);
      if (name === '' || clean(name) !== name || name.toLowerCase() === 'history' || this.taken.has(key)) return undefined;
      this.taken.add(key);
      return name;
    });
    return sheets.map(({ name, fallback }, i) => kept[i] ?? this.add(name, fallback));
  }

  /** The name of the `part`-th sheet (2, 3, …) that continues `name` past the row limit: `Name (2)`. */
  continuation(name: string, part: number): string {
    return this.unique(name, part);
  }

  // --- internal ---

  private unique(base: string, first: number): string {
    for (let n = first; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const candidate = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
      const key = fold(candidate);
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

// --- internal ---

/**
 * Removes what Excel forbids: `[]:*?/\`, control characters, U+FFFE and U+FFFF (which XML cannot
 * hold, so workbook.xml would not parse), leading and trailing apostrophes. The `_` opening a
 * literal `_xHHHH_` becomes `-`: readers decode `_xHHHH_` in the name in workbook.xml, and not
 * alike in the references to it (defined names, charts), so no spelling of it reads back the same.
 */
function clean(name: string): string {
  let out = String(name)
    .toWellFormed()
    .replace(/[[\]:*?/\\\x00-\x1f\x7f\ufffe\uffff]/g, '_');
  out = out.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '-');
  out = out.replace(/^'+|'+$/g, '');
  return out.trim() === '' ? '' : cut(out, MAX_SHEET_NAME).replace(/'+$/, '');
}

/** Cuts to `max` code units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Excel compares sheet names without case. Names equal in lower case or in upper case fold alike:
 * lower case first, so 'ẞ' (U+1E9E, whose upper case is itself) meets 'ß' and 'SS', as LibreOffice
 * takes 'ẞ' and 'ß' for one name.
 */
function fold(name: string): string {
  return name.toLowerCase().toUpperCase().toLowerCase();
}
