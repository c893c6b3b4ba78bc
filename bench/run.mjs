// npm run bench -- csv|xlsx [--rows N] [--runs N] [--only name[,name]] [--baseline] [--json]
// Runs each library in its own child process on the same deterministic rows and prints one
// markdown table. Speed is relative to the reference peer: fast-csv for CSV, exceljs for XLSX.
// With --runs N the cases take turns N times; the table shows each case's fastest run (other
// load on the machine only ever adds time), the highest peak RSS and the lowest CPU time.
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

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
    ],
  },
  xlsx: {
    reference: 'exceljs',
    cases: [
      ['rowport', 'rowport-xlsx.mjs'],
      ['rowport-features', 'rowport-xlsx-features.mjs'],
      ['rowport-features-plain', 'rowport-xlsx-features-plain.mjs'],
      ['exceljs', 'exceljs.mjs'],
      ['sheetjs', 'sheetjs.mjs'],
    ],
  },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string' },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    baseline: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const suiteName = positionals[0];
const suite = SUITES[suiteName];
if (!suite) {
  console.error('usage: npm run bench -- csv|xlsx [--rows N] [--runs N] [--only rowport,fast-csv,…] [--baseline] [--json]');
  console.error(`cases: csv: ${SUITES.csv.cases.map((c) => c[0]).join(', ')}; xlsx: ${SUITES.xlsx.cases.map((c) => c[0]).join(', ')}`);
  process.exit(2);
}
const rows = values.rows ?? (suiteName === 'csv' ? '1000000' : '100000');
const only = values.only?.split(',').map((s) => s.trim());
let cases = suite.cases.filter(([name]) => !only || only.includes(name));
if (values.baseline) cases = [['rows-only', 'rows-only.mjs'], ...cases];
if (cases.length === 0) {
  console.error(`no case matches --only ${values.only}`);
  process.exit(2);
}

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number ≥ 1, got ${values.runs}`);
  process.exit(2);
}
const results = new Map(cases.map(([name]) => [name, []]));
for (let round = 1; round <= runs; round++) {
  for (const [name, file] of cases) {
    const done = results.get(name);
    if (done.some((r) => r.available === false)) continue;
    process.stderr.write(`${suiteName} ${name}, ${Number(rows).toLocaleString('en-US')} rows, run ${round}/${runs}… `);
    try {
      const { stdout } = await run(process.execPath, [join(here, 'cases', file), '--rows', rows], {
        maxBuffer: 1 << 20,
        cwd: here,
      });
      const report = JSON.parse(stdout.trim().split('\n').pop());
      done.push({ name, ...report });
      process.stderr.write(report.available === false ? 'not available\n' : `${report.seconds.toFixed(2)} s\n`);
    } catch (error) {
      const reason = (error.stderr || error.message || String(error)).trim().split('\n').slice(-3).join(' ');
      done.push({ name, library: name, available: false, reason: `failed: ${reason}` });
      process.stderr.write(`failed\n${error.stderr ?? error}\n`);
    }
  }
}
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
  console.log(`\n${suiteName.toUpperCase()}, ${fmt(Number(rows))} rows requested${best}; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})\n`);
  console.log(`| library | rows | seconds | rows/s | vs ${suite.reference} | bytes | peak RSS MB | CPU s |`);
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of reports) {
    if (r.available === false) {
      console.log(`| ${r.library} | not available${r.reason ? ` (${r.reason})` : ''} | | | | | | |`);
      continue;
    }
    const speed = reference ? `${(r.rowsPerSecond / reference.rowsPerSecond).toFixed(2)}x` : 'n/a';
    console.log(
      `| ${r.library} | ${fmt(r.rows)} | ${r.seconds.toFixed(2)} | ${fmt(Math.round(r.rowsPerSecond))} | ${speed} | ${fmt(r.bytes)} | ${r.peakRssMB.toFixed(0)} | ${r.cpuSeconds.toFixed(2)} |`,
    );
  }
}
