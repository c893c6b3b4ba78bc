#!/usr/bin/env node
// What installing rowport costs, measured rather than written down (docs/runtimes.md points here):
// the tarball `npm pack` would write (packed and unpacked bytes, files), and each runtime dependency
// as installed (the bytes of its files under node_modules, its own dependencies listed apart).
// `node scripts/packSize.mjs` (build first: `npm pack` packs dist/); `--json` prints the figures as JSON.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm pack --dry-run --json`, without the prepack build (the caller built dist/). */
function pack() {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  const [info] = JSON.parse(out);
  return { file: info.filename, packed: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}

/** Bytes of every file under `dir` (the apparent size, as npm counts `unpackedSize`). */
function bytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Each runtime dependency with its own runtime dependencies, as installed here. */
function dependencies() {
  const manifest = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return Object.keys(manifest('..').dependencies ?? {}).map((name) => ({
    name,
    bytes: bytes(join(root, 'node_modules', name)),
    with: Object.keys(manifest(name).dependencies ?? {}).map((dep) => ({ name: dep, bytes: bytes(join(root, 'node_modules', dep)) })),
  }));
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const figures = { tarball: pack(), dependencies: dependencies() };
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const { tarball } = figures;
  console.log(`${tarball.file}: ${kb(tarball.packed)} packed, ${kb(tarball.unpacked)} unpacked, ${tarball.files} files`);
  for (const dep of figures.dependencies) {
    const extra = dep.with.map((d) => ` + ${d.name} ${kb(d.bytes)}`).join('');
    console.log(`  ${dep.name}: ${kb(dep.bytes)}${extra}`);
  }
}
