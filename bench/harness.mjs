// Shared by every bench case: arguments, the peak-RSS sampler, the output file, the JSON report.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The built library: ../dist/index.js, or the build at $ROWPORT_DIST (to A/B two builds with the
 * same bench, e.g. ROWPORT_DIST=/tmp/before/index.js).
 */
export function loadRowport() {
  const path = process.env.ROWPORT_DIST;
  return import(path ? pathToFileURL(path).href : '../dist/index.js');
}

/** `--rows N` (default 100000), `--dir D` (default a fresh temp dir), `--keep` keeps the file; `--input F` for the reading cases. */
export function caseArgs() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      input: { type: 'string' },
    },
    strict: false,
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows must be a whole number, got ${values.rows}`);
  return { rows, dir: values.dir, keep: values.keep, input: values.input };
}

/** Samples RSS every 50 ms; `peakMB()` also takes the kernel's maxRSS into account. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, 50);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
    peakMB() {
      const sampled = Math.max(peak, process.memoryUsage().rss);
      const maxRss = process.resourceUsage().maxRSS * 1024; // KiB on Linux
      return Math.max(sampled, maxRss) / (1024 * 1024);
    },
  };
}

/**
 * Runs one case and prints its JSON report on stdout.
 * @param {string} library - name shown in the table
 * @param {string} ext - output file extension
 * @param {(out: { path: string, rows: number, toFile: (readable: import('node:stream').Readable) => Promise<void> }) => Promise<number | void>} run
 *   - writes the output; may return the number of rows actually written (e.g. a capped case)
 */
export async function runCase(library, ext, run) {
  const { rows, dir: given, keep } = caseArgs();
  const dir = given ?? (await mkdtemp(join(tmpdir(), 'rowport-bench-')));
  const path = join(dir, `${library.replace(/[^a-z0-9]+/gi, '-')}.${ext}`);
  const toFile = (readable) => pipeline(readable, createWriteStream(path));
  const sampler = rssSampler();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const written = await run({ path, rows, toFile });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  sampler.stop();
  const peakRssMB = sampler.peakMB(); // before the hash below reads the file
  const actualRows = typeof written === 'number' ? written : rows;
  const bytes = (await stat(path)).size;
  // after the clock stops: the output's SHA-256 when asked (`--against` compares the two builds' bytes)
  const sha256 = process.env.ROWPORT_BENCH_SHA256 ? await fileSha256(path) : undefined;
  const report = {
    library,
    rows: actualRows,
    ...(sha256 ? { sha256 } : {}),
    seconds,
    rowsPerSecond: actualRows / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6, // main thread plus libuv/zlib threads
    bytes,
    peakRssMB,
    node: process.version,
  };
  if (!keep) await rm(given ? path : dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function fileSha256(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Runs one reading case over the CSV file given by `--input` and prints its JSON report: rows
 * read, the input's bytes, and a checksum of the values (the total length of every field, and the
 * longest one), so that the table shows the readers agree.
 * @param {string} library - name shown in the table
 * @param {(input: string, measure: (row: Record<string, string>) => void) => Promise<void>} read
 *   - reads the file, calling `measure` with each row
 */
export async function runReadCase(library, read) {
  const { input } = caseArgs();
  if (!input) throw new Error('--input FILE is required for a reading case');
  let rows = 0;
  let chars = 0;
  let longest = 0;
  const measure = (row) => {
    rows++;
    for (const key in row) {
      const length = row[key].length;
      chars += length;
      if (length > longest) longest = length;
    }
  };
  const sampler = rssSampler();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await read(input, measure);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  sampler.stop();
  const bytes = (await stat(input)).size;
  const report = {
    library,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    megabytesPerSecond: bytes / (1024 * 1024) / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    bytes,
    chars,
    longest,
    peakRssMB: sampler.peakMB(),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Prints the "not available" report (e.g. a writer that has not landed yet). */
export function notAvailable(library, reason) {
  process.stdout.write(`${JSON.stringify({ library, available: false, reason })}\n`);
}
