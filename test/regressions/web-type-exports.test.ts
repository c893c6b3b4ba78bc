// docs/web.md says `rowport/web` has "the types … as on Node", but the web entry exported only some
// of them: a Worker that built `images`, `notes`, `validation`, `protect`, chart `series` or a
// `logo` with its own typed constants could not name `ImageSpec`, `CellNote`, `ChartSeries`, … from
// 'rowport/web' (TS2459), though every one of those features works there. Now every public type of
// `rowport` is one of `rowport/web` too, but the Node-only ones.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const NODE = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const WEB = fileURLToPath(new URL('../../src/web/index.ts', import.meta.url));
/** `exportToFile` and its types write files; zlib's options and `ToCsvOptions` are `WebToCsvOptions` there. */
const NODE_ONLY = ['ExportSummary', 'ExportToFileOptions', 'GzipOptions', 'ToCsvOptions', 'exportToFile'];

/** The names each entry module exports, as the compiler sees them. */
function exportsOf(files: readonly string[]): string[][] {
  const program = ts.createProgram([...files], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile) as ts.Symbol;
    return checker.getExportsOfModule(symbol).map((s) => s.name);
  });
}

it('rowport/web exports every public name of rowport but the Node-only ones', () => {
  const [node = [], web = []] = exportsOf([NODE, WEB]);
  expect(node.length).toBeGreaterThan(80);
  expect(node.filter((name) => !web.includes(name) && !NODE_ONLY.includes(name)).sort()).toEqual([]);
});
