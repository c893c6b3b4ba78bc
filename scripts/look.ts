/**
 * `npm run look`: writes a demo workbook with native charts and the workbook features (a title
 * block, a table with a totals row, a colour scale, a data bar, links), prints it to PDF with
 * LibreOffice and renders each page to PNG with `pdftoppm`, so a person can see them as a reader
 * draws them. Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils) on PATH.
 *
 *   npm run look                 # out/look/charts.xlsx, charts.pdf, charts-1.png …
 *   npm run look -- --docs       # also refreshes docs/chart.png and docs/features.png (the pictures in docs/)
 *   npm run look -- --demo       # also prints the demo's workbooks: out/look/demo/*.pdf and a PNG per page
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportToFile, toWorkbook } from 'rowport';
import { runDemo } from '../examples/demo.js';

const outDir = resolve('out/look');
const classes = ['7A', '7B', '8A', '8B', '9A', '9B', '10A', '10B'].map((className, i) => ({
  className,
  students: 24 + ((i * 5) % 7),
  avgScore: 58 + ((i * 37) % 29) + i * 0.5,
  passRate: 0.62 + ((i * 13) % 30) / 100,
}));
const weeks = Array.from({ length: 14 }, (_, i) => ({
  week: new Date(Date.UTC(2024, 8, 2 + 7 * i)),
  attendance: 0.86 + ((i * 7) % 11) / 100 - (i === 8 ? 0.09 : 0),
  onTime: 0.78 + ((i * 5) % 13) / 100,
}));

const FIRST = ['Ada', 'Bruno', 'Chloé', 'Diego', 'Emma', 'Farid', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kira', 'Liam'];
const students = FIRST.map((name, i) => ({
  id: 101 + i,
  name: `${name} ${String.fromCharCode(65 + ((i * 7) % 26))}.`,
  className: i % 2 === 0 ? '8A' : '8B',
  score: 52 + ((i * 41) % 47) + (i % 3) * 0.5,
  attempts: 1 + ((i * 5) % 4),
  attendance: 0.7 + ((i * 17) % 30) / 100,
}));

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const xlsx = join(outDir, 'charts.xlsx');
  const print = { orientation: 'landscape', fitToWidth: true, paperSize: 'a4' } as const;
  await exportToFile(
    toWorkbook([
      {
        name: 'Students',
        rows: students,
        title: 'Year 8 mathematics: autumn term',
        subtitle: 'Generated 2026-11-28 10:00 UTC by rowport',
        preamble: ['Classes 8A and 8B; scores are the mean of all quizzes'],
        columns: [
          { key: 'name', header: 'Student', link: 'https://school.example/students/{id}' },
          { key: 'className', header: 'Class', style: { align: 'center' } },
          { key: 'score', header: 'Score', type: 'decimal' },
          { key: 'attempts', header: 'Attempts', type: 'integer', style: { align: 'center' } },
          { key: 'attendance', header: 'Attendance', type: 'percent', width: 16, conditionalFormats: [{ type: 'dataBar' }] },
        ],
        table: { totals: { name: 'Average / total', score: 'average', attempts: 'sum', attendance: 'average' } },
        conditionalFormats: [{ type: 'colorScale', column: 'score' }],
        print: { ...print, orientation: 'portrait' },
      },
      {
        name: 'Class Summary',
        rows: classes,
        columns: [
          { key: 'className', header: 'Class' },
          { key: 'students', header: 'Students', type: 'integer' },
          { key: 'avgScore', header: 'Average score', type: 'decimal' },
          { key: 'passRate', header: 'Pass rate', type: 'percent' },
        ],
        charts: [{ type: 'column', title: 'Average score per class', categories: 'className', series: ['avgScore'], yAxisTitle: 'Score', xAxisTitle: 'Class' }],
        headerFooter: { header: '&LRowport demo&R&D', footer: '&CPage &P of &N' },
        print,
      },
      {
        name: 'Attendance',
        rows: weeks,
        columns: [
          { key: 'week', header: 'Week', type: 'date' },
          { key: 'attendance', header: 'Attendance', type: 'percent' },
          { key: 'onTime', header: 'On time', type: 'percent' },
        ],
        charts: [{ type: 'line', title: 'Weekly attendance', categories: 'week', series: ['attendance', 'onTime'], legend: 'bottom' }],
        print,
      },
    ]),
    xlsx,
  );
  const profile = `-env:UserInstallation=file://${join(outDir, 'lo-profile')}`;
  execFileSync('soffice', ['--headless', profile, '--convert-to', 'pdf', '--outdir', outDir, xlsx], { stdio: 'pipe', timeout: 180_000 });
  rmSync(join(outDir, 'lo-profile'), { recursive: true, force: true });
  // One PNG per page (Students, Class Summary, Attendance), 60 dpi.
  execFileSync('pdftoppm', ['-png', '-r', '60', join(outDir, 'charts.pdf'), join(outDir, 'charts')]);
  console.log(`Wrote ${xlsx}, charts.pdf and charts-1.png … charts-3.png in ${outDir}`);
  if (process.argv.includes('--docs')) {
    // The README picture: the top of page 1 (data, header line, chart), 80 dpi, cropped.
    mkdirSync('docs', { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '2',
      '-l',
      '2',
      '-singlefile',
      '-x',
      '30',
      '-y',
      '10',
      '-W',
      '880',
      '-H',
      '292',
      join(outDir, 'charts.pdf'),
      'docs/chart',
    ]);
    // The features picture: the top of page 1 (title block, table with totals, colour scale, data bar, links).
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '90',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      '-x',
      '40',
      '-y',
      '40',
      '-W',
      '640',
      '-H',
      '420',
      join(outDir, 'charts.pdf'),
      'docs/features',
    ]);
    console.log('Refreshed docs/chart.png and docs/features.png');
  }
}

/** The demo's two workbooks printed as a reader prints them: a PDF each and a PNG per page (`npm run look -- --demo`). */
async function printDemo(): Promise<void> {
  const dir = join(outDir, 'demo');
  mkdirSync(dir, { recursive: true });
  const files = (await runDemo({ outDir: dir, log: null })).filter((f) => f.fileName.endsWith('.xlsx'));
  const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`;
  execFileSync('soffice', ['--headless', profile, '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => f.path)], { stdio: 'pipe', timeout: 300_000 });
  rmSync(join(dir, 'lo-profile'), { recursive: true, force: true });
  for (const file of files) {
    const pdf = file.path.replace(/\.xlsx$/, '.pdf');
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, pdf.replace(/\.pdf$/, '')]);
    const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)?.[1];
    console.log(`${pdf}: ${pages} pages`);
  }
}

await main();
if (process.argv.includes('--demo')) await printDemo();
