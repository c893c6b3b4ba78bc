// `npm run bench -- csv|xlsx --against <ref> [--runs N] [--rows N] [--only name,…]`: this checkout's
// build against the build of another commit, in one sitting. The ref is checked out in a temporary
// git worktree (node_modules symlinked from this checkout, or its own `npm ci` where its lockfile
// differs), built there with its own `npm run build`,
// and removed afterwards. Both builds run THIS checkout's bench cases (only the library differs: the
// cases load the ref's build through $ROWPORT_DIST), in alternating pairs, N rounds: round 1 runs
// this then ref, round 2 ref then this, and so on, so that drift in the machine's load falls on both.
// Each pair gives a ratio ref/this (above 1: this checkout is faster, or smaller); the table shows
// per case the min, median and max of those ratios for wall time, CPU time (user + sys, all threads)
// and peak RSS, beside each side's median seconds; and whether the two builds wrote the same bytes
// (each output's SHA-256, taken after the clock stops).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Builds `ref` in a temporary worktree and returns the path of its `dist/index.js` and a cleanup.
 * @param {string} root - this checkout
 * @param {string} ref - any commit-ish git knows
 */
export async function buildRef(root, ref) {
  const { stdout } = await exec('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root });
  const commit = stdout.trim();
  const parent = await mkdtemp(join(tmpdir(), 'rowport-against-'));
  const dir = join(parent, 'ref');
  const cleanup = async () => {
    await exec('git', ['worktree', 'remove', '--force', dir], { cwd: root }).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await exec('git', ['worktree', 'prune'], { cwd: root }).catch(() => undefined);
  };
  try {
    process.stderr.write(`checking out ${ref} (${commit.slice(0, 10)}) in ${dir}… `);
    await exec('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root });
    if ((await readFile(join(dir, 'package-lock.json'), 'utf8')) === (await readFile(join(root, 'package-lock.json'), 'utf8'))) {
      await symlink(resolve(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    } else {
      process.stderr.write('its dependencies differ: npm ci… '); // e.g. a ref from before a dependency was dropped
      await exec('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 16 << 20 });
    }
    process.stderr.write('building… ');
    await exec('npm', ['run', 'build'], { cwd: dir, maxBuffer: 16 << 20 });
    const dist = join(dir, 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error(`${ref}'s build wrote no dist/index.js`);
    process.stderr.write('done\n');
    return { commit, dist, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * Runs every case of `cases` for both builds in alternating pairs and prints the table.
 * @param {object} options
 * @param {string} options.suiteName
 * @param {[string, string][]} options.cases - [name, file]
 * @param {number} options.runs - rounds (pairs per case)
 * @param {string} options.rows
 * @param {string} options.ref - as given
 * @param {string} options.root
 * @param {(file: string, env: Record<string, string>) => Promise<any>} options.runOne - one child run's report
 * @param {boolean} options.json
 */
export async function runAgainst({ suiteName, cases, runs, rows, ref, root, runOne, json }) {
  const { stdout: head } = await exec('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: root });
  const { stdout: dirty } = await exec('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root });
  const here = `${head.trim()}${dirty.trim() ? ' + uncommitted changes' : ''}`;
  const built = await buildRef(root, ref);
  const load = loadavg()[0];
  const pairs = new Map(cases.map(([name]) => [name, []]));
  const failures = new Map();
  try {
    for (let round = 1; round <= runs; round++) {
      for (const [name, file] of cases) {
        if (failures.has(name)) continue;
        const sides = round % 2 === 1 ? ['this', 'ref'] : ['ref', 'this'];
        const pair = {};
        for (const side of sides) {
          process.stderr.write(`${suiteName} ${name} (${side}), round ${round}/${runs}… `);
          const env = side === 'ref' ? { ROWPORT_DIST: built.dist, ROWPORT_BENCH_SHA256: '1' } : { ROWPORT_BENCH_SHA256: '1' };
          try {
            const report = await runOne(file, env);
            if (report.available === false) throw new Error(report.reason ?? 'not available');
            pair[side] = report;
            process.stderr.write(`${report.seconds.toFixed(2)} s\n`);
          } catch (error) {
            const reason = (error.stderr || error.message || String(error)).trim().split('\n').slice(-3).join(' ');
            failures.set(name, `${side} failed: ${reason}`);
            process.stderr.write(`failed\n${reason}\n`);
            break;
          }
        }
        if (pair.this && pair.ref) pairs.get(name).push(pair);
      }
    }
  } finally {
    await built.cleanup();
  }
  const summary = cases.map(([name]) => summarise(name, pairs.get(name), failures.get(name)));
  if (json) {
    console.log(JSON.stringify({ suite: suiteName, ref, refCommit: built.commit, here, rows: Number(rows), runs, summary }, null, 2));
    return;
  }
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  console.log(
    `\n${suiteName.toUpperCase()}, ${Number(rows).toLocaleString('en-US')} rows: this (${here}) against ${ref} (${built.commit.slice(0, 10)}), ` +
      `${runs} alternating pairs; ${when}, load ${load.toFixed(2)}, Node ${process.version}, ${cpus().length} cores\n`,
  );
  console.log('ratios are ref/this per pair (above 1: this is faster or smaller), as min / median / max\n');
  console.log('| case | pairs | this s | ref s | time ref/this | this CPU s | ref CPU s | CPU ref/this | this RSS MB | peak RSS ref/this | bytes |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const s of summary) {
    if (s.pairs === 0) {
      console.log(`| ${s.name} | 0 | ${s.failure ?? 'no pair'} | | | | | | | | |`);
      continue;
    }
    const spread = (r) => `${r.min.toFixed(2)} / **${r.median.toFixed(2)}** / ${r.max.toFixed(2)}`;
    const sizes = s.bytes.this === s.bytes.ref ? 'same size' : `${s.bytes.this.toLocaleString('en-US')} vs ${s.bytes.ref.toLocaleString('en-US')}`;
    const same = s.reading ? 'same values read' : s.hashed ? 'identical' : 'same size';
    const bytes = s.sameBytes ? same : `**differ** (${s.reading ? 'values read' : sizes})`;
    console.log(
      `| ${s.name} | ${s.pairs}${s.failure ? ` (then ${s.failure})` : ''} | ${s.seconds.this.toFixed(2)} | ${s.seconds.ref.toFixed(2)} | ${spread(s.time)} | ` +
        `${s.cpu.this.toFixed(2)} | ${s.cpu.ref.toFixed(2)} | ${spread(s.cpuRatio)} | ${s.rss.this.toFixed(0)} | ${spread(s.rssRatio)} | ${bytes} |`,
    );
  }
}

// --- internal ---

function summarise(name, pairs, failure) {
  if (pairs.length === 0) return { name, pairs: 0, failure };
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const spread = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });
  const side = (key, pick) => median(pairs.map((p) => p[key][pick]));
  // writers may stop early (a capped case): compare time per row
  const perRow = (r, field) => r[field] / r.rows;
  return {
    name,
    pairs: pairs.length,
    failure,
    seconds: { this: side('this', 'seconds'), ref: side('ref', 'seconds') },
    cpu: { this: side('this', 'cpuSeconds'), ref: side('ref', 'cpuSeconds') },
    rss: { this: side('this', 'peakRssMB'), ref: side('ref', 'peakRssMB') },
    time: spread(pairs.map((p) => perRow(p.ref, 'seconds') / perRow(p.this, 'seconds'))),
    cpuRatio: spread(pairs.map((p) => perRow(p.ref, 'cpuSeconds') / perRow(p.this, 'cpuSeconds'))),
    rssRatio: spread(pairs.map((p) => p.ref.peakRssMB / p.this.peakRssMB)),
    // writers: the output's size and SHA-256; readers (which write nothing): rows, characters and longest field read
    sameBytes: pairs.every(
      (p) =>
        p.this.bytes === p.ref.bytes &&
        p.this.rows === p.ref.rows &&
        p.this.sha256 === p.ref.sha256 &&
        p.this.chars === p.ref.chars &&
        p.this.longest === p.ref.longest,
    ),
    hashed: pairs.every((p) => p.this.sha256 !== undefined),
    reading: pairs[0].this.chars !== undefined,
    bytes: { this: pairs[0].this.bytes, ref: pairs[0].ref.bytes },
  };
}
