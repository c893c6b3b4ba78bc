import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RowportWarningCode } from '../../src/index.js';

// The pages that promise every option in one place: docs/xlsx.md's "Every option of toXlsx" table and
// its `SheetSpec` table, the `### options.…` sections of toCsv and fromCsv in docs/csv.md, and the
// warning table of docs/xlsx.md, and the column field table of docs/columns.md (whose CSV cell says
// "refused" for exactly the fields of XlsxColumn that Column lacks). Each is checked against the exported types (read with the TypeScript
// compiler), so an option added to the code without a row here fails, as `images`, `logo`, `protect`,
// `cellNote` and `links` once were missing from the toXlsx table.
const INDEX = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const page = (name: string) => readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), 'utf8');

const program = ts.createProgram([INDEX], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true });
const checker = program.getTypeChecker();
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(INDEX) as ts.SourceFile) as ts.Symbol);

/** The property names of an exported interface or type (every member of a union). */
function properties(name: string): string[] {
  const symbol = exported.find((s) => s.name === name) as ts.Symbol;
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
  const parts = type.isUnion() ? type.types : [type];
  return [...new Set(parts.flatMap((part) => checker.getPropertiesOfType(part).map((p) => p.name)))];
}

/** The text between a heading and the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const level = (/^#+/.exec(heading) as RegExpExecArray)[0].length;
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

/** The names in backticks in the first cell of each table row. */
function firstCells(text: string): Set<string> {
  const rows = text.split('\n').filter((line) => line.startsWith('| `'));
  return new Set(rows.flatMap((row) => [...(row.split(' | ')[0] as string).matchAll(/`(\w+)`/g)].map((m) => m[1] as string)));
}

/** The option names of `### options.a, options.b` headings. */
function optionHeadings(text: string): Set<string> {
  return new Set([...text.matchAll(/^### (.*)$/gm)].flatMap((m) => [...(m[1] as string).matchAll(/options\.(\w+)/g)].map((o) => o[1] as string)));
}

describe('the option tables of the docs name every option of the types', () => {
  it('docs/xlsx.md: every option of toXlsx', () => {
    const table = firstCells(section(page('xlsx.md'), '### Every option of toXlsx'));
    expect(properties('ToXlsxOptions').filter((name) => !table.has(name))).toEqual([]);
  });

  it('docs/xlsx.md: every field of a SheetSpec', () => {
    const table = firstCells(section(page('xlsx.md'), '## toWorkbook(sheets, options?)'));
    expect(properties('SheetSpec').filter((name) => !table.has(name))).toEqual([]);
  });

  it('docs/csv.md: an options section for every option of toCsv and of fromCsv', () => {
    const csv = page('csv.md');
    const toCsv = optionHeadings(section(csv, '## toCsv(rows, options?)'));
    const fromCsv = optionHeadings(section(csv, '## fromCsv(input, options?)'));
    expect(properties('ToCsvOptions').filter((name) => !toCsv.has(name))).toEqual([]);
    expect(properties('FromCsvOptions').filter((name) => !fromCsv.has(name))).toEqual([]);
  });

  it('docs/charts-and-print.md: every field of a chart and of print', () => {
    const text = page('charts-and-print.md');
    const charts = firstCells(section(text, '### options.charts'));
    const print = firstCells(section(text, '### options.print'));
    expect(properties('ChartSpec').filter((name) => !charts.has(name))).toEqual([]);
    expect(properties('PrintOptions').filter((name) => !print.has(name))).toEqual([]);
  });

  it('docs/columns.md: every field of a column, with CSV "refused" exactly for the fields only XLSX columns have', () => {
    const rows = section(page('columns.md'), '## Every field of a column')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const csvCell = new Map(rows.map((row) => [(/^\| `(\w+)`/.exec(row) as RegExpExecArray)[1] as string, (row.split(' | ')[1] as string).trim()]));
    const every = properties('Column');
    expect(properties('XlsxColumn').filter((name) => !csvCell.has(name))).toEqual([]);
    expect([...csvCell.keys()].filter((name) => !properties('XlsxColumn').includes(name))).toEqual([]);
    for (const [name, csv] of csvCell) expect({ name, refused: csv === 'refused' }).toEqual({ name, refused: !every.includes(name) });
  });

  it('docs/xlsx.md: the warning table lists every warning code', () => {
    const text = page('xlsx.md');
    const listed = new Set([...text.matchAll(/^\| `(ROWPORT_\w+)` \|/gm)].map((m) => m[1]));
    expect(Object.values(RowportWarningCode).filter((code) => !listed.has(code))).toEqual([]);
  });
});
