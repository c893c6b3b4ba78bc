// `node scripts/importCycles.mjs`: lists import cycles among the modules of src/ (type-only
// imports included: a cycle of types still ties two modules together). Exit 1 when there is one.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve('src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(path);
  }
})(root);
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
    return [file, targets];
  }),
);
const cycles = new Set();
const state = new Map(); // 1 visiting, 2 done
const stack = [];
function visit(file) {
  state.set(file, 1);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 1) cycles.add(stack.slice(stack.indexOf(next)).concat(next).map((f) => relative(root, f)).join(' → '));
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 2);
}
for (const file of files) if (!state.has(file)) visit(file);
for (const cycle of cycles) console.log(cycle);
console.log(cycles.size === 0 ? `no import cycle in ${files.length} modules` : `${cycles.size} import cycle(s)`);
process.exitCode = cycles.size === 0 ? 0 : 1;
