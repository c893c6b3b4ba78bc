// `node scripts/checkImports.mjs`: checks the imports of src/ (type-only ones included) against the
// layers docs/architecture.md draws: a module imports only from its own folder or from
// a lower layer, and no modules import each other in a cycle. Prints what breaks; exit 1 if any.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Layers of src/, lowest first: the folders (or top-level files) in each. */
const LAYERS = [
  ['errors.ts', 'types.ts', 'warnings.ts'],
  ['base'],
  ['platform'],
  ['sources'],
  ['columns', 'dates', 'progress'],
  ['writer'],
  ['csv', 'xlsx', 'files', 'http'],
  ['node', 'web'],
  ['cli', 'index.ts'],
];

/**
 * The stages inside src/xlsx, lowest first (src/xlsx/README.md draws them): a module of one imports
 * only its own stage or a lower one. Inside `features/`, a feature's folder imports no other
 * feature's; only the list (`features/features.ts`) imports them all.
 */
const XLSX_STAGES = [
  ['xml'],
  ['package'],
  ['settings'],
  ['cells'],
  ['seam'],
  ['formulas', 'styles'],
  ['links', 'drawing'],
  ['features'],
  ['resolve'],
  ['sheet'],
  ['streamWorkbook.ts'],
  ['toXlsx.ts', 'toWorkbook.ts', 'publicTypes.ts'],
];

const root = resolve('src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(path);
  }
})(root);
const top = (file) => relative(root, file).split('/')[0];
const layerOf = (file) => LAYERS.findIndex((layer) => layer.includes(top(file)));
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)(?:[^'"]*?from\s+|\s+)['"](\.[^'"]+)['"]/gm)].map((m) =>
      resolve(dirname(file), m[1].replace(/\.js$/, '.ts')),
    );
    return [file, targets];
  }),
);

const problems = [];
for (const [file, targets] of graph) {
  if (layerOf(file) < 0) problems.push(`${relative(root, file)}: its folder is in no layer (add it to LAYERS and to docs/architecture.md)`);
  for (const target of targets) {
    if (top(target) !== top(file) && !(layerOf(target) < layerOf(file))) {
      problems.push(`${relative(root, file)} imports ${relative(root, target)}: not a lower layer`);
    }
  }
}
const xlsx = join(root, 'xlsx');
const inXlsx = (file) => !relative(xlsx, file).startsWith('..');
const stageName = (file) => relative(xlsx, file).split('/')[0];
const stageOf = (file) => XLSX_STAGES.findIndex((stage) => stage.includes(stageName(file)));
const featureOf = (file) => {
  const [stage, folder, rest] = relative(xlsx, file).split('/');
  return stage === 'features' && rest !== undefined ? folder : undefined;
};
for (const [file, targets] of graph) {
  if (!inXlsx(file) || file.endsWith('.md')) continue;
  const name = relative(root, file);
  if (stageOf(file) < 0) problems.push(`${name}: its place in src/xlsx is in no stage (add it to XLSX_STAGES and to src/xlsx/README.md)`);
  for (const target of targets) {
    if (!inXlsx(target)) continue;
    if (stageName(target) !== stageName(file) && !(stageOf(target) < stageOf(file)))
      problems.push(`${name} imports ${relative(root, target)}: not a lower xlsx stage`);
    const [from, to] = [featureOf(file), featureOf(target)];
    if (from !== undefined && to !== undefined && from !== to) problems.push(`${name} imports ${relative(root, target)}: a feature imports no other feature`);
  }
}
const state = new Map(); // 1 visiting, 2 done
const stack = [];
function visit(file) {
  state.set(file, 1);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 1)
      problems.push(
        `cycle: ${stack
          .slice(stack.indexOf(next))
          .concat(next)
          .map((f) => relative(root, f))
          .join(' → ')}`,
      );
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 2);
}
for (const file of files) if (!state.has(file)) visit(file);
for (const problem of problems) console.log(problem);
console.log(problems.length === 0 ? `no import cycle, every import goes down the layers (${files.length} modules)` : `${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;
