import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pages } from './snippets.js';

// Facts the docs state that can go stale: the CLI's flag table against `rowport --help`, the README's
// two commands against package.json and .ci/run, links between the pages, the package's metadata,
// and the tarball's size (printed by scripts/packSize.mjs, never written by hand).
const ROOT = resolve('.');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  scripts: Record<string, string>;
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
};

/** Pages other engineers' branches add (#20, #21, #22); linked already, checked once they exist. */
const PENDING_PAGES = new Set([
  'docs/links.md',
  'docs/errors-and-warnings.md',
  'docs/web.md',
  'docs/images.md',
  'docs/inputs.md',
  'docs/shared-strings.md',
  'docs/recipes.md',
]);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchors(file: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const line of read(file).split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = !fence && /^#{1,6} (.*)$/.exec(line);
    if (heading) out.add(slug(heading[1] as string));
  }
  return out;
}

describe('the docs', () => {
  it('README is a front door of at most 300 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(300);
  });

  it("README's two commands are the scripts CI runs", () => {
    const block = /## The two commands[\s\S]*?```sh[^\n]*\n([\s\S]*?)```/.exec(read('README.md'))?.[1] ?? '';
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(read('.ci/run').split('\n')).toContain('npm test');
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toMatch(/npm run docs/); // the docs build in CI
  });

  it('every relative link of README and docs/ reaches a file, and its #anchor a heading there', () => {
    const broken: string[] = [];
    for (const page of pages(ROOT)) {
      const from = relative(ROOT, page);
      const text = read(from).replace(/```[\s\S]*?```/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] as string;
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? from : relative(ROOT, join(dirname(page), path));
        if (PENDING_PAGES.has(file) && !existsSync(join(ROOT, file))) continue;
        if (!existsSync(join(ROOT, file))) broken.push(`${from}: ${target} (no ${file})`);
        else if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) broken.push(`${from}: ${target} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the CLI flag table is one table that lists every flag of `rowport --help`', () => {
    const section = /\n## Flags\n([\s\S]*?)\n## /.exec(read('docs/cli.md'))?.[1] as string;
    const lines = section.split('\n');
    const start = lines.findIndex((line) => line.startsWith('|'));
    const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
    const table = lines.slice(start, end);
    // no flag row after the table ends: a paragraph inside the table turns the rest into text
    expect(lines.slice(end).filter((line) => /^\| `-/.test(line))).toEqual([]);
    const documented = new Set(table.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/(--?[a-z][a-z0-9-]*)/g)].map((m) => m[1] as string)));
    const help = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
    const flags = new Set([...help.matchAll(/^ {2}((?:-[a-z], )?--[a-z][a-z0-9-]*)/gm)].flatMap((m) => (m[1] as string).split(', ')));
    expect(flags.size).toBeGreaterThan(20);
    expect([...flags].filter((flag) => !documented.has(flag))).toEqual([]);
  });
});

describe('the API reference', () => {
  it("documents every module the package exports (each of its exports map's builds is an entry point of typedoc.json)", () => {
    const exportsMap = JSON.parse(read('package.json')).exports as Record<string, { import?: { default: string } }>;
    const built = Object.values(exportsMap).flatMap((entry) => (entry.import ? [/dist\/(\w+)\.js$/.exec(entry.import.default)?.[1]] : []));
    const sources = new Map([...read('tsup.config.ts').matchAll(/entry: \{ (\w+): '([^']+)' \}/g)].map((m) => [m[1], m[2]]));
    const typedoc = JSON.parse(read('typedoc.json').replace(/^\s*\/\/.*$/gm, '')) as { entryPoints: string[] };
    expect(built).toEqual(['index', 'web']);
    expect(typedoc.entryPoints).toEqual(built.map((name) => sources.get(name as string)));
  });
});

describe('the package', () => {
  it('names its repository, homepage and issue tracker', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/rowport/rowport.git' });
    expect(pkg.homepage).toBe('https://github.com/rowport/rowport#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/rowport/rowport/issues' });
  });

  it("has the version of CHANGELOG's last release, with one Unreleased section above it", () => {
    const changelog = read('CHANGELOG.md');
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    expect(versions[0]).toBe('Unreleased');
    expect(versions.filter((v) => v === 'Unreleased')).toHaveLength(1);
    expect(versions[1]).toBe(pkg.version);
  });

  it('scripts/packSize.mjs prints the tarball npm pack writes, and docs point to it', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'packSize.mjs'), '--json'], { encoding: 'utf8', cwd: ROOT });
    const figures = JSON.parse(out) as { tarball: { file: string; packed: number; unpacked: number; files: number }; dependencies: { name: string }[] };
    expect(figures.tarball.file).toBe(`rowport-${pkg.version}.tgz`);
    expect(figures.tarball.packed).toBeGreaterThan(10_000);
    expect(figures.tarball.unpacked).toBeGreaterThan(figures.tarball.packed);
    expect(figures.dependencies.map((d) => d.name).sort()).toEqual(Object.keys(JSON.parse(read('package.json')).dependencies).sort());
    expect(read('README.md')).toContain('node scripts/packSize.mjs');
    expect(read('docs/runtimes.md')).toContain('node scripts/packSize.mjs');
  });
});
