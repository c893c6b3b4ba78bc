import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced code block of a Markdown page. */
export interface Snippet {
  /** The page, relative to the repository (`README.md`, `docs/csv.md`). */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The info string's first word (`ts`, `sh`), `''` for none. */
  readonly lang: string;
  /** The info string's other words (`no-run`, `prelude`). */
  readonly flags: readonly string[];
  readonly code: string;
}

/** The pages whose code blocks are checked: README.md and every Markdown page of docs/ (not docs/api/). */
export function pages(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(root, 'docs', f));
  return [join(root, 'README.md'), ...docs];
}

/** Every fenced block of a page, in order. A fence is three or more backticks at the start of a line. */
export function snippets(root: string, path: string): Snippet[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const [lang = '', ...flags] = (open[2] as string).trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).startsWith(fence)) body.push(lines[j++] as string);
    if (j === lines.length) throw new Error(`${relative(root, path)}:${i + 1}: a code block is never closed`);
    out.push({ file: relative(root, path), line: i + 1, lang, flags, code: `${body.join('\n')}\n` });
    i = j;
  }
  return out;
}

export const isTs = (s: Snippet) => s.lang === 'ts' || s.lang === 'typescript';
export const isSh = (s: Snippet) => s.lang === 'sh' || s.lang === 'bash' || s.lang === 'shell';
export const runs = (s: Snippet) => !s.flags.includes('no-run') && !s.flags.includes('prelude');

/** A file name for a snippet: `README.md:42` → `README_md_42`. */
export const snippetName = (s: Snippet) => `${s.file.replace(/[^A-Za-z0-9]+/g, '_')}_${s.line}`;

/**
 * The output a block's `//=>` comments promise, one entry a line: the text after each `//=> ` (at
 * the end of a code line or on a line of its own), and after each `//   ` that continues it on the
 * next lines. Checked against what the block prints when it is marked `checked-output`.
 */
export function promisedOutput(code: string): string[] {
  const out: string[] = [];
  let continues = false;
  for (const line of code.split('\n')) {
    const match: RegExpExecArray | null = (continues ? /^\s*\/\/ {3}(.*)$/.exec(line) : null) ?? /\/\/=>(?: (.*))?$/.exec(line);
    continues = match !== null;
    if (match) out.push((match[1] ?? '').trimEnd());
  }
  return out;
}

/** What a block printed, as lines the way a terminal shows them: CRLF as LF, no trailing spaces or empty last lines. */
export function printedLines(stdout: string): string[] {
  const lines = stdout
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
