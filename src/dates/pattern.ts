/** One piece of a date-fns pattern. */
export type PatternPart =
  /** A run of one letter: `yyyy`, `MM`, `d`, `a`. */
  | { readonly kind: 'token'; readonly text: string }
  /** Text in apostrophes, without them (`'at'` → `at`); `''` is one apostrophe, inside quotes too. */
  | { readonly kind: 'quoted'; readonly text: string }
  /** Unquoted text that is not a letter: `-`, `/`, `, `, `:`. */
  | { readonly kind: 'literal'; readonly text: string };

/**
 * Splits a date-fns pattern into tokens and literal text, the way date-fns reads it: the one
 * tokenizer behind the date renderer (`dates/compile.ts`) and the Excel number format of date
 * cells (`xlsx/resolve/numFmt.ts`).
 * @example tokenizePattern("d MMM 'at' HH") //=> d, ' ', MMM, ' ', 'at' (quoted), ' ', HH
 */
export function tokenizePattern(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const quoted = readQuoted(pattern, i);
      parts.push({ kind: 'quoted', text: quoted.text });
      i = quoted.end;
    } else if (isLetter(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      parts.push({ kind: 'token', text: pattern.slice(i, j) });
      i = j;
    } else {
      let j = i;
      while (j < pattern.length && pattern[j] !== "'" && !isLetter(pattern[j] as string)) j++;
      parts.push({ kind: 'literal', text: pattern.slice(i, j) });
      i = j;
    }
  }
  return parts;
}

// --- internal ---

function isLetter(ch: string): boolean {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/** The quoted literal that starts at `start` (an apostrophe), and the index just after it. */
function readQuoted(pattern: string, start: number): { text: string; end: number } {
  if (pattern[start + 1] === "'") return { text: "'", end: start + 2 };
  let text = '';
  let j = start + 1;
  while (j < pattern.length) {
    if (pattern[j] === "'") {
      if (pattern[j + 1] !== "'") break;
      text += "'";
      j += 2;
      continue;
    }
    text += pattern[j];
    j++;
  }
  return { text, end: j + 1 };
}
