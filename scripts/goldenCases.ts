/**
 * The representative workbooks whose bytes are pinned by SHA-256 (test/golden.test.ts, `scripts/xlsxHashes.ts`):
 * the XLSX bench file at 20k rows, charts of every kind, print setup, several sheets, date formats.
 * A refactor of the writers must leave every hash as it is, except where a bug was fixed on purpose.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { COLUMNS, analyticsRows } from '../bench/rows.mjs';
import { runDemo } from '../examples/demo.js';
import { type ChartSpec, type SheetSpec, toCsv, toWorkbook, toXlsx } from '../src/index.js';

const classes = ['7A', '7B', '8A', '8B', '9A', '9B', '10A', '10B'].map((className, i) => ({
  className,
  students: 24 + ((i * 5) % 7),
  avgScore: 58 + ((i * 37) % 29) + i * 0.5,
  passRate: 0.62 + ((i * 13) % 30) / 100,
  big: BigInt(i) * 10n ** 17n + 7n,
  note: i % 3 === 0 ? `Note ${i}\nsecond line with & < > "quotes"` : `plain ${i}`,
}));
const weeks = Array.from({ length: 14 }, (_, i) => ({
  week: new Date(Date.UTC(2024, 8, 2 + 7 * i, 9, 30)),
  attendance: 0.86 + ((i * 7) % 11) / 100,
  onTime: 0.78 + ((i * 5) % 13) / 100,
}));
const classColumns = [
  { key: 'className', header: 'Class' },
  { key: 'students', type: 'integer' },
  { key: 'avgScore', header: 'Average score', type: 'decimal' },
  { key: 'passRate', header: 'Pass rate', type: 'percent' },
  { key: 'big', type: 'integer' },
  { key: 'note', type: 'string' },
] as const;
const classCharts: ChartSpec[] = [
  { type: 'column', title: 'Average score', categories: 'className', series: ['avgScore'] },
  { type: 'bar', categories: 'className', series: ['avgScore', 'passRate'], yAxisTitle: 'Score', xAxisTitle: 'Class', legend: 'bottom' },
  { type: 'pie', title: 'Students', categories: 'className', series: ['students'], anchor: 'R2', size: { width: 400, height: 300 } },
];
const weekCharts: ChartSpec[] = [{ type: 'line', title: 'Attendance', categories: 'week', series: ['attendance', 'onTime'] }];
const weekColumns = [
  { key: 'week', type: 'date' },
  { key: 'attendance', type: 'percent' },
  { key: 'onTime', numFmt: '0.0%' },
] as const;

export const GOLDEN_CASES: Record<string, () => Readable> = {
  'bench-csv-20k': () => toCsv(analyticsRows(20_000), { columns: COLUMNS.map(({ key, header, type }) => ({ key, header, type })) }),
  'bench-20k': () => toXlsx(analyticsRows(20_000), { columns: COLUMNS.map(({ key, header, type }) => ({ key, header, type })) }),
  'bench-20k-widths': () => toXlsx(analyticsRows(20_000), { columns: COLUMNS, sheetName: 'Metrics', compressionLevel: 6 }),
  'plain-no-columns': () =>
    toXlsx(
      classes.map(({ big, ...c }) => c),
      { headerStyle: false, freezeHeader: false, autoFilter: false, autoFit: false },
    ),
  'array-rows': () =>
    toXlsx(
      [
        [1, 'a', true],
        [2, 'b', false],
      ],
      { header: false },
    ),
  'charts-toXlsx': () =>
    toXlsx(classes, { sheetName: 'Class Summary', columns: [...classColumns], charts: classCharts, headerStyle: { fill: 'FF0000', color: null } }),
  'charts-dates-toXlsx-us': () => toXlsx(weeks, { columns: [...weekColumns], charts: weekCharts, dateFormat: 'us' }),
  'charts-dates-toXlsx-pattern': () => toXlsx(weeks, { columns: [...weekColumns], charts: weekCharts, dateFormat: "d MMM yyyy 'at' HH:mm" }),
  'print-toXlsx': () =>
    toXlsx(classes, {
      columns: [...classColumns],
      headerFooter: { header: '&LClass report&R&D', footer: 'Page &P of &N' },
      print: { orientation: 'landscape', fitToWidth: true, paperSize: 'a4', gridlines: true },
    }),
  'workbook-multi': () =>
    toWorkbook(
      [
        { name: 'Class Summary', rows: classes, columns: [...classColumns], charts: classCharts, headerFooter: { footer: 'Page &P' } },
        { name: 'Weeks', rows: weeks, columns: [...weekColumns], charts: weekCharts, print: { repeatHeader: false } },
        { name: 'Class Summary', rows: [{ a: 1, when: new Date(Date.UTC(1899, 0, 1)) }] },
        { name: 'Empty', rows: [], charts: [{ type: 'column', categories: 'a', series: ['b'] }] },
        { name: 'No header [x]', rows: weeks, header: false, timeZone: 'America/New_York', dateFormat: 'full' },
      ] as SheetSpec<any>[],
      { creator: 'hash script', createdAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), wrapText: false },
    ),
  'workbook-dates-iso': () => toWorkbook([{ name: 'Weeks', rows: weeks, columns: [...weekColumns], charts: weekCharts }]),
  // The bug of issue 11: the chart axis ignored the workbook's dateFormat (a fixed hash changes here).
  'workbook-dates-us': () => toWorkbook([{ name: 'Weeks', rows: weeks, columns: [...weekColumns], charts: weekCharts }], { dateFormat: 'us' }),
};

/** The committed hashes: `<sha256>  <name>` lines, written by `npx tsx scripts/xlsxHashes.ts --write`. */
export const GOLDEN_FILE = new URL('../test/golden.sha256', import.meta.url);

/** SHA-256 of each case, then of each file the demo writes (scale 0.05, a fixed clock), by name. */
export async function goldenHashes(cases: Record<string, () => Readable> = GOLDEN_CASES): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const [name, make] of Object.entries(cases)) {
    const hash = createHash('sha256');
    for await (const chunk of make()) hash.update(chunk as Buffer);
    hashes.set(name, hash.digest('hex'));
  }
  const dir = await mkdtemp(join(tmpdir(), 'rowport-golden-'));
  try {
    const files = await runDemo({ outDir: dir, scale: 0.05, log: null, now: () => new Date('2024-11-25T10:30:00Z') });
    for (const file of files)
      hashes.set(
        `demo/${file.fileName}`,
        createHash('sha256')
          .update(await readFile(file.path))
          .digest('hex'),
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return hashes;
}

/** The hashes as the committed file holds them. */
export const formatHashes = (hashes: Map<string, string>): string => [...hashes].map(([name, hash]) => `${hash}  ${name}\n`).join('');
