// `node scripts/checkFunctionSizes.mjs`: lists the functions of src/ longer than MAX_LINES (their
// whole text, nested functions included), which should be split by concept. Exit 1 if any, except the
// documented state machines in ALLOWED. test/functionSizes.test.ts keeps it so.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const MAX_LINES = 80;

/** Long on purpose: one state machine a screen cannot hold, documented where it stands. */
const ALLOWED = new Set(['csv/parseCsv.ts:CsvParser.feed']);

const root = resolve('src');

/** Every function of src/ over {@link MAX_LINES} lines: `file:name lines`. */
export function longFunctions() {
  const found = [];
  for (const file of tsFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node, owner) => {
      const name = functionName(node, owner);
      if (name !== undefined && node.body) {
        const lines = source.getLineAndCharacterOfPosition(node.end).line - source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const where = `${relative(root, file)}:${name}`;
        if (lines > MAX_LINES && !ALLOWED.has(where)) found.push(`${where} ${lines}`);
      }
      ts.forEachChild(node, (child) => visit(child, ts.isClassDeclaration(node) && node.name ? node.name.text : owner));
    };
    visit(source, undefined);
  }
  return found;
}

function functionName(node, owner) {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? 'default';
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) return `${owner ?? ''}.${node.name.getText()}`;
  if (ts.isConstructorDeclaration(node)) return `${owner ?? ''}.constructor`;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
    return `(anonymous at ${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1})`;
  }
  return undefined;
}

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = longFunctions();
  for (const line of found) console.log(line);
  process.exit(found.length > 0 ? 1 : 0);
}
