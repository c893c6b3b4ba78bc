import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveCsvOptions } from '../../src/csv/options.js';
import { resolveXlsxOptions } from '../../src/xlsx/resolve/options.js';

// Every `#### options.x` in README whose `_Default:_` is a literal is checked against the code:
// resolving `{}` must give exactly what resolving `{ x: <README's default> }` gives. So a default
// changed in the code or in README alone fails here, and a new option is covered once documented.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const WRITERS = {
  toCsv: (options: Record<string, unknown>) => resolveCsvOptions(options),
  toXlsx: (options: Record<string, unknown>) => resolveXlsxOptions(options),
};
type Writer = keyof typeof WRITERS;

/** Options every writer shares: documented once, under toCsv. */
const SHARED = ['columns', 'header', 'dateFormat', 'timeZone', 'total', 'onProgress', 'progressInterval', 'signal', 'maxRows'];

/** Defaults README gives in words, each checked by hand below. */
const PROSE: Record<string, (resolve: (o: Record<string, unknown>) => unknown) => void> = {
  columns: (resolve) => expect((resolve({}) as { columns: unknown }).columns).toBeUndefined(), // "the first row's keys": decided by the writer
};

interface Documented {
  readonly writer: Writer;
  readonly name: string;
  readonly text: string; // what follows _Default:_
}

function documentedDefaults(): Documented[] {
  const out: Documented[] = [];
  for (const match of README.matchAll(/^#### options\.(\w+)\n([^#]*?)_Default:_ ([^\n]*)/gm)) {
    // the section it belongs to: the nearest `## ` or `### ` heading above it
    const headings = [...README.slice(0, match.index).matchAll(/^#{2,3} (.*)$/gm)];
    const heading = headings[headings.length - 1]?.[1] ?? '';
    const writer: Writer | undefined = heading.startsWith('toCsv(')
      ? 'toCsv'
      : heading.startsWith('toXlsx(') || heading === 'Charts and printing'
        ? 'toXlsx'
        : undefined;
    if (writer === undefined) continue;
    out.push({ writer, name: match[1] as string, text: (match[3] as string).trim() });
  }
  return out;
}

/** README's default as a value: a backticked JS literal first, or "none" (undefined). */
function literal(text: string): { value: unknown } | undefined {
  if (/^none\b/.test(text)) return { value: undefined };
  const code = /^`([^`]+)`/.exec(text)?.[1];
  if (code === undefined) return undefined;
  if (code === 'true' || code === 'false') return { value: code === 'true' };
  if (code === 'Infinity') return { value: Infinity };
  if (code === '[]') return { value: [] };
  if (/^-?\d+(\.\d+)?$/.test(code)) return { value: Number(code) };
  const quoted = /^'((?:[^'\\]|\\.)*)'$/.exec(code);
  if (quoted) return { value: (quoted[1] as string).replace(/\\([rnt\\'])/g, (_, c: string) => ({ r: '\r', n: '\n', t: '\t' })[c] ?? c) };
  return undefined;
}

/** A comparable picture of a resolved options object: functions by kind, objects by their fields. */
function snapshot(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value))
    return `[bytes ${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex').slice(0, 64)}]`;
  if (value instanceof Map || value instanceof Set) return [...value].map((v) => snapshot(v, seen));
  if (Array.isArray(value)) return value.map((v) => snapshot(v, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v, seen)]));
}

const documented = documentedDefaults();

describe("README's option defaults", () => {
  it('finds the documented options of both writers', () => {
    const names = (writer: Writer) => documented.filter((d) => d.writer === writer).map((d) => d.name);
    expect(names('toCsv')).toEqual(expect.arrayContaining(['header', 'delimiter', 'encoding', 'bom', 'maxRows']));
    expect(names('toXlsx')).toEqual(expect.arrayContaining(['sheetName', 'freezeHeader', 'compressionLevel', 'charts']));
  });

  const cases = documented.flatMap((d) => {
    const writers: Writer[] = d.writer === 'toCsv' && SHARED.includes(d.name) ? ['toCsv', 'toXlsx'] : [d.writer];
    return writers.map((writer) => [writer, d.name, d.text] as const);
  });

  it.each(cases)('%s: options.%s defaults to %s', (writer, name, text) => {
    const resolve = WRITERS[writer];
    const prose = PROSE[name];
    if (prose) return prose(resolve);
    const parsed = literal(text);
    if (parsed === undefined) throw new Error(`README's default of options.${name} is neither a literal nor "none": "${text}"; add a check to PROSE`);
    expect(snapshot(resolve({}))).toEqual(snapshot(resolve({ [name]: parsed.value })));
  });

  it('documents progressInterval as the default the code uses', () => {
    const ms = Number(/every `progressInterval` ms\s+\(default\s+(\d+)\)/.exec(README)?.[1]);
    expect(resolveCsvOptions({}).progressInterval).toBe(ms);
    expect(resolveXlsxOptions({}).shared.progressInterval).toBe(ms);
  });
});
