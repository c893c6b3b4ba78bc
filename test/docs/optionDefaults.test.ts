import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resolveCsvOptions } from '../../src/csv/options.js';
import { ICONV } from '../../src/csv/iconv.js';
import { resolveXlsxOptions } from '../../src/xlsx/resolve/options.js';
import { FeatureState } from '../../src/xlsx/settings/sheetSettings.js';

// JSDoc `@default` is the one place a default is stated (the TypeDoc reference shows it, docs/ point
// to it). Every option of `toCsv` and `toXlsx`, and every field of an object option (`headerStyle.bold`,
// `table.style`, `print.fitToWidth`, …), is read from the exported types with the TypeScript compiler;
// where its `@default` is a literal, resolving the options without it must give exactly what resolving
// them with that literal gives. So a default changed in the code or in the JSDoc alone fails here, and a
// new option is covered once it has a `@default`. An option without one must say why, in NO_DEFAULT.
const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

const WRITERS = {
  toCsv: { type: 'ToCsvOptions', resolve: (options: Record<string, unknown>) => resolveCsvOptions(options, ICONV) }, // the Node entry's: legacy encodings too
  toXlsx: { type: 'ToXlsxOptions', resolve: (options: Record<string, unknown>) => resolveXlsxOptions(options) },
};
type Writer = keyof typeof WRITERS;

/** Options and fields that have no default: absent means "none", as their JSDoc says. */
const NO_DEFAULT = new Set([
  // zlib's options, passed to createGzip as they are: their defaults are zlib's
  'gzip.level',
  'gzip.memLevel',
  'gzip.strategy',
  'gzip.windowBits',
  'gzip.chunkSize',
  'total',
  'onProgress',
  'signal',
  'onWarning',
  'createdAt',
  'dialect',
  'headerFooter',
  'print',
  'title',
  'subtitle',
  'preamble',
  'rowStyle',
  'headerFooter.header',
  'headerFooter.footer',
  'table.totals',
  // #20: absent means none; the sizes come from the image itself (test/xlsx/features/title/logo.test.ts)
  'logo',
  'logo.image',
  'logo.width',
  'logo.height',
  'logo.altText',
  'protect',
  'protect.password',
  'cellNote',
]);

/** Defaults the JSDoc gives in words, each checked by hand. */
const PROSE: Record<string, (resolve: (o: Record<string, unknown>) => unknown) => void> = {
  // "the first row's keys": decided by the writer when the first row comes
  columns: (resolve) =>
    expect(
      (resolve({}) as { shared?: { columns: unknown }; columns?: unknown }).shared?.columns ?? (resolve({}) as { columns?: unknown }).columns,
    ).toBeUndefined(),
  // "true for utf-8 and utf-16, false for every other encoding"
  bom: (resolve) => {
    expect(snapshot(resolve({}))).toEqual(snapshot(resolve({ bom: true })));
    expect(snapshot(resolve({ encoding: 'windows-1251' }))).toEqual(snapshot(resolve({ encoding: 'windows-1251', bom: false })));
  },
  // "',' (a TAB for utf-16 …)": the literal is checked by the generic rule, the TAB here
  delimiter: (resolve) => {
    expect(snapshot(resolve({}))).toEqual(snapshot(resolve({ delimiter: ',' })));
    expect(snapshot(resolve({ encoding: 'utf-16le' }))).toEqual(snapshot(resolve({ encoding: 'utf-16le', delimiter: '\t' })));
  },
  // "'.' (',' with `dialect: 'excel-eu'`)"
  decimalSeparator: (resolve) => {
    expect(snapshot(resolve({}))).toEqual(snapshot(resolve({ decimalSeparator: '.' })));
    expect(snapshot(resolve({ dialect: 'excel-eu' }))).toEqual(snapshot(resolve({ dialect: 'excel-eu', decimalSeparator: ',' })));
  },
  // "the sheet name with other characters as `_`"
  'table.name': (resolve) =>
    expect(snapshot(resolve({ sheetName: 'Class Summary', table: {} }))).toEqual(
      snapshot(resolve({ sheetName: 'Class Summary', table: { name: 'Class_Summary' } })),
    ),
  // "['selectLockedCells', 'selectUnlockedCells']": Excel's own, written as no attribute
  'protect.allow': (resolve) =>
    expect(snapshot(resolve({ protect: {} }))).toEqual(snapshot(resolve({ protect: { allow: ['selectLockedCells', 'selectUnlockedCells'] } }))),
  // "the printer's default": nothing is written
  'print.paperSize': (resolve) => expect(JSON.stringify(snapshot(resolve({ print: {} })))).not.toMatch(/paperSize/),
};

interface Documented {
  readonly writer: Writer;
  /** `delimiter`, or `headerStyle.bold` for a field of an object option. */
  readonly name: string;
  /** The `@default` text, `undefined` when there is none. */
  readonly text: string | undefined;
}

/** Every option of each writer with its `@default`, and the fields of its object-typed options. */
function documentedDefaults(): Documented[] {
  const program = ts.createProgram([INDEX], {
    strict: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(INDEX) as ts.SourceFile;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index) as ts.Symbol);
  const defaultOf = (symbol: ts.Symbol) => {
    const tag = symbol.getJsDocTags(checker).find((t) => t.name === 'default');
    return tag ? ts.displayPartsToString(tag.text).trim() : undefined;
  };
  const out: Documented[] = [];
  for (const [writer, { type }] of Object.entries(WRITERS) as [Writer, (typeof WRITERS)[Writer]][]) {
    const symbol = exports.find((s) => s.name === type) as ts.Symbol;
    const options = checker.getDeclaredTypeOfSymbol(symbol);
    for (const option of checker.getPropertiesOfType(options)) {
      out.push({ writer, name: option.name, text: defaultOf(option) });
      // the fields of an object option declared in src/ (not arrays, functions, Date or AbortSignal)
      const optionType = checker.getNonNullableType(checker.getTypeOfSymbol(option));
      for (const member of optionType.isUnion() ? optionType.types : [optionType]) {
        const declared = member.getSymbol()?.declarations?.[0]?.getSourceFile().fileName ?? '';
        if (!declared.includes('/src/') || checker.isArrayType(member) || member.getCallSignatures().length > 0) continue;
        for (const field of checker.getPropertiesOfType(member)) out.push({ writer, name: `${option.name}.${field.name}`, text: defaultOf(field) });
      }
    }
  }
  return out;
}

/** A `@default` as a value: a JS literal at its start (a string, number, boolean, `[]`, `Infinity`, `undefined`). */
function literal(text: string): { value: unknown } | undefined {
  const code = /^('(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|\[\]|Infinity|undefined)(?:\s|$)/.exec(text)?.[1];
  if (code === undefined) return undefined;
  if (code.startsWith("'")) return { value: JSON.parse(`"${code.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) };
  if (code === 'undefined') return { value: undefined };
  if (code === 'Infinity') return { value: Infinity };
  return { value: JSON.parse(code) };
}

/** A comparable picture of a resolved options object: functions by kind, objects by their fields. */
function snapshot(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  // What the call reserved (a given table name): the same names either way, given or defaulted.
  if (value instanceof FeatureState) return '[feature state]';
  seen.add(value);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value))
    return `[bytes ${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex').slice(0, 64)}]`;
  if (value instanceof Map || value instanceof Set) return [...value].map((v) => snapshot(v, seen));
  if (Array.isArray(value)) return value.map((v) => snapshot(v, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v, seen)]));
}

/** `{ a: v }` for `a`, `{ a: { b: v } }` for `a.b`; without a value, the parent alone (`{ a: {} }`). */
function given(name: string, value?: { value: unknown }): Record<string, unknown> {
  const [parent, field] = name.split('.') as [string, string | undefined];
  if (field === undefined) return value ? { [parent]: value.value } : {};
  return { [parent]: value ? { [field]: value.value } : {} };
}

const documented = documentedDefaults();

describe('the JSDoc @default of every option', () => {
  it('finds the options of both writers, and the fields of their object options', () => {
    const names = (writer: Writer) => documented.filter((d) => d.writer === writer).map((d) => d.name);
    expect(names('toCsv')).toEqual(expect.arrayContaining(['header', 'delimiter', 'encoding', 'bom', 'maxRows', 'progressInterval']));
    expect(names('toXlsx')).toEqual(
      expect.arrayContaining(['sheetName', 'freezeHeader', 'compressionLevel', 'headerStyle.bold', 'autoFit.sampleRows', 'table.style', 'print.fitToWidth']),
    );
  });

  it('is given for every option, or the option has no default (NO_DEFAULT)', () => {
    expect(documented.filter((d) => d.text === undefined && !NO_DEFAULT.has(d.name)).map((d) => `${d.writer}: ${d.name}`)).toEqual([]);
  });

  const cases = documented.filter((d) => d.text !== undefined).map((d) => [d.writer, d.name, d.text as string] as const);

  it.each(cases)('%s: %s defaults to %s', (writer, name, text) => {
    const { resolve } = WRITERS[writer];
    const prose = PROSE[name];
    if (prose) return prose(resolve);
    const parsed = literal(text);
    if (parsed === undefined) throw new Error(`the @default of ${name} is not a literal: "${text}"; add a check to PROSE`);
    expect(snapshot(resolve(given(name)))).toEqual(snapshot(resolve(given(name, parsed))));
  });
});

// The pages of docs/ repeat the defaults for the reader; each must say what the JSDoc says.
const PAGES: readonly { page: string; writer: Writer; until?: string }[] = [
  { page: 'csv.md', writer: 'toCsv', until: '\n## fromCsv' },
  { page: 'xlsx.md', writer: 'toXlsx' },
  { page: 'charts-and-print.md', writer: 'toXlsx' },
  { page: 'workbook-features.md', writer: 'toXlsx' },
];

/** `{ page, option, text }` for each `### options.x` with a `_Default:_`, and each row of xlsx.md's option table. */
function pageDefaults() {
  const out: { where: string; writer: Writer; name: string; text: string }[] = [];
  for (const { page, writer, until } of PAGES) {
    let text = readFileSync(new URL(`../../docs/${page}`, import.meta.url), 'utf8');
    if (until) text = text.slice(0, text.search(new RegExp(until)));
    for (const m of text.matchAll(/^### options\.(\w+)\n_Type:_[^\n]*?_Default:_ ([^\n]*)/gm))
      out.push({ where: `docs/${page} options.${m[1]}`, writer, name: m[1] as string, text: (m[2] as string).replace(/`/g, '') });
    if (page === 'xlsx.md')
      for (const m of text.matchAll(/^\| `(\w+)` \| [^\n]*? \| ([^|\n]+) \| [^|\n]+ \|$/gm))
        out.push({ where: `docs/${page} table row ${m[1]}`, writer, name: m[1] as string, text: (m[2] as string).replace(/`/g, '').trim() });
  }
  return out;
}

describe('the defaults docs/ repeats', () => {
  const stated = pageDefaults();

  it('are found on every page', () => {
    expect(stated.length).toBeGreaterThan(30);
  });

  it.each(stated.map((s) => [s.where, s] as const))('%s says what the JSDoc says', (_, s) => {
    const jsdoc = documented.find((d) => d.writer === s.writer && d.name === s.name);
    expect(jsdoc, `${s.name} is not an option of ${s.writer}`).toBeDefined();
    const fromPage = /^none\b/.test(s.text) ? { value: undefined } : literal(s.text);
    const fromJsdoc = jsdoc?.text === undefined ? { value: undefined } : literal(jsdoc.text);
    if (fromPage === undefined || fromJsdoc === undefined) return; // prose on either side: the JSDoc's is checked above
    expect(fromPage.value).toEqual(fromJsdoc.value);
  });
});
