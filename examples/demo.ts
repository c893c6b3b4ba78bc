/**
 * `npm run demo`: builds the sample school database in memory (sql.js) and streams real exports
 * into ./out/ through the analytics service, printing progress and a summary.
 *
 *   ROWPORT_DEMO_SCALE=0.1 npm run demo     # a smaller school (default 1: ~43,000 metric rows)
 *   ROWPORT_DEMO_OUT=/tmp/exports npm run demo
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProgressInfo, exportToFile } from 'rowport';
import { type ExportResult, AnalyticsService } from './analytics/service.js';
import { LOCALES } from './analytics/seed.js';
import { createSampleDatabase } from './analytics/sqljs.js';

export interface DemoOptions {
  /** Folder for the files; created when missing. @default './out' */
  readonly outDir?: string;
  /** Size of the school: 1 is ~600 students and ~43,000 metric rows. @default 1 */
  readonly scale?: number;
  /** Where progress and the summary go; `null` for silence. @default process.stdout */
  readonly log?: NodeJS.WritableStream | null;
  /** Clock for the file names. @default now */
  readonly now?: () => Date;
}

export interface DemoFile {
  /** What the file shows. */
  readonly title: string;
  readonly fileName: string;
  readonly path: string;
  readonly contentType: string;
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
}

/** Runs the demo and returns what it wrote. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoFile[]> {
  const { outDir = 'out', scale = 1, log = process.stdout, now } = options;
  const print = (text: string) => log?.write(text);
  const started = performance.now();
  const db = await createSampleDatabase({ scale });
  const { students, metrics, classes } = db.school;
  print(
    `School database (sql.js, seed 20240902, scale ${scale}): ${students.length} students, ${classes.length} classes, ${metrics.length} metric rows, built in ${Math.round(performance.now() - started)} ms\n`,
  );
  await mkdir(outDir, { recursive: true });
  const service = new AnalyticsService(db, now ? { now } : {});
  const files: DemoFile[] = [];
  const live = log !== null && 'isTTY' in log && log.isTTY === true;

  const run = async (title: string, make: (onProgress: (p: ProgressInfo) => void) => Promise<ExportResult>) => {
    // While it runs, a gzipped CSV counts the bytes before gzip (what onProgress reports); the final
    // line, like the summary table, counts the bytes written to the file.
    const line = (p: ProgressInfo, bytes: string) =>
      `  ${title}: ${p.rows.toLocaleString('en')} rows${p.percent === undefined ? '' : ` (${p.percent.toFixed(0)}%)`}, ${bytes}`;
    let last: ProgressInfo | undefined;
    let gzipped = false;
    const onProgress = (p: ProgressInfo) => {
      last = p;
      if (live) print(`\r${line(p, `${p.bytes.toLocaleString('en')} bytes${gzipped ? ' before gzip' : ''}`)}\x1b[K`); // a TTY sees the count move
    };
    const result = await make(onProgress);
    gzipped = result.fileName.endsWith('.gz');
    const summary = await exportToFile(result.stream, join(outDir, result.fileName));
    const written = `${summary.bytes.toLocaleString('en')} bytes written`;
    if (live) print(`\r${line(last ?? { rows: summary.rows, bytes: summary.bytes }, written)}\x1b[K\n`);
    else if (last) print(`${line(last, written)}\n`); // a log gets the final line only
    files.push({
      title,
      fileName: result.fileName,
      path: summary.path,
      contentType: result.contentType,
      rows: summary.rows,
      bytes: summary.bytes,
      durationMs: summary.durationMs,
    });
  };

  try {
    // 1. One student's lessons: ISO dates, chosen columns. Student 2 has a Russian name, which the file name keeps.
    await run('Student analytics (CSV, ISO dates, chosen columns)', (onProgress) =>
      service.exportStudentAnalytics(2, {
        columns: ['date', 'class_name', 'subject', 'quiz_score', 'attended', 'minutes_spent'],
        dateFormat: 'iso',
        onProgress,
      }),
    );
    // 2. Aggregates per class, the way a German or French Excel opens them as numbers and dates:
    //    the 'excel-eu' dialect writes ';', decimal commas (74,92) and dd.MM.yyyy.
    await run('Class aggregates (CSV for German/French Excel: ";", decimal comma, EU dates)', (onProgress) =>
      service.exportClassAnalytics('all', { dialect: 'excel-eu', onProgress }),
    );
    // 3. The whole metrics table, gzipped, read from a cursor row by row.
    await run('Whole metrics table (CSV, gzip)', (onProgress) =>
      service.exportCustomQuery('SELECT * FROM metrics ORDER BY id', [], {
        name: 'metrics',
        gzip: true,
        types: { recorded_on: 'date', week_start: 'date', recorded_at: 'datetime', quiz_score: 'decimal' },
        onProgress,
      }),
    );
    // 4. windows-1251 for an old Russian Excel: it holds Cyrillic and Latin letters but not é, ñ
    //    or Chinese, so the roster keeps the students whose names fit (English and Russian ones);
    //    rowport would otherwise stop with ROWPORT_UNMAPPABLE_CHARACTER naming the row and column.
    await run('Russian and English students (CSV, windows-1251)', (onProgress) =>
      service.exportCustomQuery(
        `SELECT s.id, s.name, s.grade, t.name AS tutor, s.enrolled_on FROM students s LEFT JOIN teachers t ON t.id = s.tutor_id
         WHERE s.locale IN (?, ?) AND (t.locale IS NULL OR t.locale IN (?, ?)) ORDER BY s.id`,
        ['ru', 'en', 'ru', 'en'],
        { name: 'students cp1251', encoding: 'windows-1251', delimiter: ';', dateFormat: 'eu', types: { enrolled_on: 'date' }, onProgress },
      ),
    );
    // 5. The class aggregates again as XLSX: typed cells (numbers, a percent, real dates), bold header, frozen row, filter.
    await run('Class aggregates (XLSX)', (onProgress) => service.exportClassAnalytics('all', { format: 'xlsx', onProgress }));
    // 6. One workbook, three sheets, each streamed from its own cursor in turn. Each sheet is an
    //    Excel table under a title block; the class summary has a totals row (averages and sums
    //    computed while streaming) and a colour scale on its average scores.
    const generated = `Generated ${(now?.() ?? new Date()).toISOString().slice(0, 16).replace('T', ' ')} UTC by the rowport demo`;
    // The school's logo above each sheet's title, in a row of its own (a 487-byte PNG, stored once).
    const logo = { image: readFileSync(new URL('./assets/logo.png', import.meta.url)), altText: 'rowport demo school' };
    await run('Comprehensive workbook (XLSX: Student Analytics, Class Summary, Performance)', (onProgress) =>
      service.exportComprehensive({
        onProgress,
        sheetFeatures: {
          'Student Analytics': {
            title: 'Students',
            subtitle: generated,
            logo,
            table: true,
            conditionalFormats: [
              { type: 'colorScale', column: 'avg_score' },
              { type: 'dataBar', column: 'attendance_rate' },
            ],
          },
          'Class Summary': {
            title: 'Classes',
            subtitle: generated,
            logo,
            table: {
              totals: {
                class_name: 'All classes',
                students: 'sum',
                records: 'sum',
                avg_score: 'average',
                min_score: 'min',
                max_score: 'max',
                attendance_rate: 'average',
              },
            },
            conditionalFormats: [{ type: 'colorScale', column: 'avg_score' }],
          },
          Performance: {
            title: 'Weekly performance',
            subtitle: generated,
            logo,
            table: true,
            conditionalFormats: [{ type: 'colorScale', column: 'avg_score' }],
          },
        },
        // A dropdown of the locales on each student's locale, and a note on a header cell.
        columnFeatures: {
          'Student Analytics': { locale: { validation: { list: [...LOCALES], prompt: { message: 'The language the student learns in' } } } },
          'Class Summary': { avg_score: { note: 'Mean quiz score of the class over the period, out of 100' } },
        },
      }),
    );
  } finally {
    await db.close();
  }

  print(`\n${summaryTable(files)}\nWrote ${files.length} files to ${resolve(outDir)} in ${Math.round(performance.now() - started)} ms\n`);
  return files;
}

/** The summary as an aligned text table. */
export function summaryTable(files: readonly DemoFile[]): string {
  const rows = [
    ['file', 'rows', 'bytes', 'ms'],
    ...files.map((f) => [f.fileName, f.rows.toLocaleString('en'), f.bytes.toLocaleString('en'), String(f.durationMs)]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  return rows
    .map(
      (r, n) =>
        r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ') +
        (n === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

// --- internal ---

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const scale = Number(process.env.ROWPORT_DEMO_SCALE ?? 1);
  runDemo({ scale, outDir: process.env.ROWPORT_DEMO_OUT ?? 'out' }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
