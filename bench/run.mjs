// npm run bench -- csv|xlsx|read|read-long [--rows N] [--field-mb N] [--runs N] [--only name[,name]]
//   [--timeout S] [--baseline] [--json] [--against REF]
// Runs each library in its own child process on the same deterministic rows and prints one
// markdown table. Speed is relative to the reference peer: fast-csv for CSV, exceljs for XLSX,
// @fast-csv/parse for reading. The reading suites write their input once (`read`: the analytics rows
// as CSV; `read-long`: one row whose field is --field-mb MiB) and every reader reads that file.
// With --runs N the cases take turns N times; the table shows each case's fastest run (other
// load on the machine only ever adds time), the highest peak RSS and the lowest CPU time.
// With --against REF (a commit, branch or tag) the suite's rowport cases run against REF's build
// instead, in alternating pairs (--runs of them, 5 by default); see bench/against.mjs.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { runAgainst } from './against.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

const SUITES = {
  csv: {
    reference: 'fast-csv',
    cases: [
      ['rowport', 'rowport.mjs'],
      ['rowport-composed', 'rowport-composed.mjs'],
      ['fast-csv', 'fast-csv.mjs'],
      ['csv-stringify', 'csv-stringify.mjs'],
      ['hucre', 'hucre-csv.mjs'],
    ],
  },
  xlsx: {
    reference: 'exceljs',
    cases: [
      ['rowport', 'rowport-xlsx.mjs'],
      ['rowport-norefs', 'rowport-xlsx-norefs.mjs'],
      ['rowport-features', 'rowport-xlsx-features.mjs'],
      ['rowport-features-url', 'rowport-xlsx-features-url.mjs'],
      ['rowport-features-plain', 'rowport-xlsx-features-plain.mjs'],
      ['rowport-links', 'rowport-xlsx-links.mjs'],
      ['rowport-links-formula', 'rowport-xlsx-links-formula.mjs'],
      ['rowport-links-plain', 'rowport-xlsx-links-plain.mjs'],
      ['exceljs', 'exceljs.mjs'],
      ['hucre', 'hucre-xlsx.mjs'],
      ['sheetjs', 'sheetjs.mjs'],
    ],
  },
  read: {
    reference: '@fast-csv/parse',
    cases: READERS(),
  },
  'read-long': {
    reference: '@fast-csv/parse',
    cases: READERS(),
  },
};

function READERS() {
  return [
    ['rowport', 'rowport-read.mjs'],
    ['@fast-csv/parse', 'fast-csv-parse.mjs'],
    ['csv-parse', 'csv-parse.mjs'],
  ];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string' },
    'field-mb': { type: 'string', default: '16' },
    timeout: { type: 'string' },
    runs: { type: 'string' },
    against: { type: 'string' },
    only: { type: 'string' },
    baseline: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const suiteName = positionals[0];
const suite = SUITES[suiteName];
if (!suite) {
  console.error(
    'usage: npm run bench -- csv|xlsx|read|read-long [--rows N] [--field-mb N] [--runs N] [--only rowport,fast-csv,…] [--timeout S] [--baseline] [--json] [--against REF]',
  );
  console.error(
    `cases: ${Object.entries(SUITES)
      .map(([name, s]) => `${name}: ${s.cases.map((c) => c[0]).join(', ')}`)
      .join('; ')}`,
  );
  process.exit(2);
}
const reading = suiteName === 'read' || suiteName === 'read-long';
const rows = values.rows ?? (suiteName === 'csv' || suiteName === 'read' ? '1000000' : '100000');
const fieldMB = Number(values['field-mb']);
if (!(fieldMB > 0)) {
  console.error(`--field-mb must be a number above 0, got ${values['field-mb']}`);
  process.exit(2);
}
const timeoutMs = values.timeout === undefined ? 0 : Number(values.timeout) * 1000;
if (!(timeoutMs >= 0)) {
  console.error(`--timeout must be seconds ≥ 0, got ${values.timeout}`);
  process.exit(2);
}
const only = values.only?.split(',').map((s) => s.trim());
const against = values.against;
if (against !== undefined && (against === '' || against.startsWith('-'))) {
  console.error(`--against needs a commit, branch or tag, got ${JSON.stringify(against)}`);
  process.exit(2);
}
// against another build, only rowport's own cases mean anything (unless --only names others)
let cases = suite.cases.filter(([name]) => (only ? only.includes(name) : !against || name.startsWith('rowport')));
if (values.baseline && !against) cases = [['rows-only', 'rows-only.mjs'], ...cases];
if (cases.length === 0) {
  console.error(`no case matches --only ${values.only}`);
  process.exit(2);
}

const runs = Number(values.runs ?? (against ? '5' : '1'));
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number ≥ 1, got ${values.runs}`);
  process.exit(2);
}
let inputDir;
let input;
if (reading) {
  inputDir = await mkdtemp(join(tmpdir(), 'rowport-bench-input-'));
  input = join(inputDir, 'input.csv');
  process.stderr.write(`writing the input (${suiteName === 'read' ? `${Number(rows).toLocaleString('en-US')} rows` : `a ${fieldMB} MiB field`})… `);
  await pipeline(suiteName === 'read' ? await rowsCsv(Number(rows)) : longFieldCsv(fieldMB), createWriteStream(input));
  process.stderr.write('done\n');
}
/** Runs one case in a child process (with `env` added to ours) and returns its JSON report. */
async function runOne(file, env = {}) {
  const { stdout } = await run(process.execPath, [join(here, 'cases', file), '--rows', rows, ...(input ? ['--input', input] : [])], {
    maxBuffer: 1 << 20,
    cwd: here,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}
if (against) {
  try {
    await runAgainst({ suiteName, cases, runs, rows, ref: against, root: join(here, '..'), runOne, json: values.json });
  } catch (error) {
    const detail = (error.stderr || error.message || String(error)).trim().split('\n').slice(-3).join(' ');
    console.error(`\n--against ${against}: ${detail}`);
    process.exitCode = 1;
  } finally {
    if (inputDir) await rm(inputDir, { recursive: true, force: true });
  }
  process.exit(process.exitCode ?? 0);
}
const label = suiteName === 'read-long' ? `a ${fieldMB} MiB field` : `${Number(rows).toLocaleString('en-US')} rows`;
const results = new Map(cases.map(([name]) => [name, []]));
for (let round = 1; round <= runs; round++) {
  for (const [name, file] of cases) {
    const done = results.get(name);
    if (done.some((r) => r.available === false)) continue;
    process.stderr.write(`${suiteName} ${name}, ${label}, run ${round}/${runs}… `);
    try {
      const report = await runOne(file);
      done.push({ name, ...report });
      process.stderr.write(report.available === false ? 'not available\n' : `${report.seconds.toFixed(2)} s\n`);
    } catch (error) {
      if (error.killed && timeoutMs > 0) {
        done.push({ name, library: name, available: false, reason: `not done in ${timeoutMs / 1000} s, stopped` });
        process.stderr.write('stopped (timeout)\n');
        continue;
      }
      const reason = (error.stderr || error.message || String(error)).trim().split('\n').slice(-3).join(' ');
      done.push({ name, library: name, available: false, reason: `failed: ${reason}` });
      process.stderr.write(`failed\n${error.stderr ?? error}\n`);
    }
  }
}
if (inputDir) await rm(inputDir, { recursive: true, force: true });
const reports = [...results.values()].map((done) => {
  const ok = done.filter((r) => r.available !== false);
  if (ok.length === 0) return done[done.length - 1];
  const fastest = ok.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    ...fastest,
    runs: ok.length,
    allSeconds: ok.map((r) => r.seconds),
    peakRssMB: Math.max(...ok.map((r) => r.peakRssMB)),
    cpuSeconds: Math.min(...ok.map((r) => r.cpuSeconds)),
  };
});

if (values.json) {
  console.log(JSON.stringify(reports, null, 2));
} else {
  const reference = reports.find((r) => r.name === suite.reference && r.available !== false);
  const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const best = runs > 1 ? `, fastest of ${runs} runs` : '';
  const what = suiteName === 'read-long' ? `one row with a ${fieldMB} MiB field` : `${fmt(Number(rows))} rows requested`;
  console.log(`\n${suiteName.toUpperCase()}, ${what}${best}; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`);
  if (reading) {
    console.log(`| library | rows | seconds | rows/s | MB/s | vs ${suite.reference} | input bytes | characters read | longest field | peak RSS MB | CPU s |`);
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  } else {
    console.log(`| library | rows | seconds | rows/s | vs ${suite.reference} | bytes | peak RSS MB | CPU s |`);
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  }
  const blanks = reading ? ' | | | | | | | | | |' : ' | | | | | | |';
  for (const r of reports) {
    if (r.available === false) {
      console.log(`| ${r.library} | not available${r.reason ? ` (${r.reason})` : ''}${blanks}`);
      continue;
    }
    // readers read the same file: compare times; writers may stop early (a capped case): compare rows/s
    const ratio = reading ? reference?.seconds / r.seconds : r.rowsPerSecond / reference?.rowsPerSecond;
    const speed = reference ? `${ratio.toFixed(2)}x` : 'n/a';
    if (reading) {
      console.log(
        `| ${r.library} | ${fmt(r.rows)} | ${r.seconds.toFixed(2)} | ${fmt(Math.round(r.rowsPerSecond))} | ${r.megabytesPerSecond.toFixed(1)} | ${speed} | ${fmt(r.bytes)} | ${fmt(r.chars)} | ${fmt(r.longest)} | ${r.peakRssMB.toFixed(0)} | ${r.cpuSeconds.toFixed(2)} |`,
      );
    } else {
      console.log(
        `| ${r.library} | ${fmt(r.rows)} | ${r.seconds.toFixed(2)} | ${fmt(Math.round(r.rowsPerSecond))} | ${speed} | ${fmt(r.bytes)} | ${r.peakRssMB.toFixed(0)} | ${r.cpuSeconds.toFixed(2)} |`,
      );
    }
  }
}

// --- inputs of the reading suites ---

/** The analytics rows as CSV (rowport's toCsv, no BOM, so that every reader sees the same header). */
async function rowsCsv(count) {
  const { toCsv } = await import('../dist/index.js');
  const { analyticsRows } = await import('./rows.mjs');
  return toCsv(analyticsRows(count), { bom: false });
}

/** `id,text`, one row whose quoted field is `mb` MiB of text with commas, `""` and line breaks, then a short row. */
function* longFieldCsv(mb) {
  const piece = Buffer.from('lorem ipsum, dolor ""sit"" amet\r\n'.repeat(2048));
  const fieldBytes = Math.round(mb * 1024 * 1024);
  yield Buffer.from('id,text\r\n1,"');
  // each "" in the file is one character of the field: count the field's length, not the file's
  const perPiece = piece.length - 2 * 2048;
  let left = fieldBytes;
  for (; left >= perPiece; left -= perPiece) yield piece;
  yield Buffer.alloc(left, 'x');
  yield Buffer.from('"\r\n2,short\r\n');
}
