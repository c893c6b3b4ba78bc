import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { isRowportError } from 'rowport';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAnalyticsError } from '../../examples/analytics/errors.js';
import { AnalyticsService, REPORT_TYPES } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { FIXED_NOW, readAll } from './support.js';

let db: SqlJsDb & Awaited<ReturnType<typeof createSampleDatabase>>;
let service: AnalyticsService;
const csv = async (promise: ReturnType<AnalyticsService['exportReport']>, delimiter = ',') =>
  parse((await readAll((await promise).stream)).toString('utf8'), { bom: true, delimiter, columns: true }) as Record<string, string>[];

beforeAll(async () => {
  db = await createSampleDatabase({ scale: 0.05 });
  service = new AnalyticsService(db, { now: FIXED_NOW });
});
afterAll(() => db.close());

describe('examples/analytics', () => {
  describe('sql.js Db adapter', () => {
    it('reads row by row and frees the statement when the loop stops early', async () => {
      let seen = 0;
      for await (const row of db.query('SELECT id FROM metrics ORDER BY id')) {
        expect(db.openCursors).toBe(1);
        if (++seen === 3 || !row) break;
      }
      expect(db.openCursors).toBe(0);
    });

    it('frees the statement when an export stream is destroyed mid-way', async () => {
      const { stream } = await service.exportCustomQuery('SELECT * FROM metrics', [], { count: false });
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      expect(db.openCursors).toBe(1);
      stream.destroy();
      await vi.waitFor(() => expect(db.openCursors).toBe(0));
    });

    it('gives column names without reading rows', async () => {
      expect(await db.columnsOf('SELECT id, name AS who FROM students')).toEqual(['id', 'who']);
    });
  });

  describe('exportStudentAnalytics', () => {
    it('keeps to the date range and names the file after the student', async () => {
      const result = await service.exportStudentAnalytics(3, { from: '2024-09-09', to: '2024-09-15', columns: ['date', 'quiz_score'] });
      expect(result.fileName).toMatch(/^student_analytics_3_.+_20241125_103000\.csv$/);
      expect(result.contentType).toBe('text/csv; charset=utf-8');
      const rows = parse((await readAll(result.stream)).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
      const expected = db.school.metrics.filter((m) => m.student_id === 3 && m.recorded_on >= '2024-09-09' && m.recorded_on <= '2024-09-15');
      expect(rows).toHaveLength(expected.length);
      expect(result.total).toBe(expected.length);
      expect(Object.keys(rows[0] ?? {})).toEqual(['Date', 'Quiz score']);
    });

    it('renders dates with a preset or a date-fns pattern', async () => {
      const rows = await csv(service.exportStudentAnalytics(3, { columns: ['date', 'recorded_at'], dateFormat: 'us' }));
      expect(rows[0]?.Date).toMatch(/^\d{2}\/\d{2}\/2024$/);
      const custom = await csv(service.exportStudentAnalytics(3, { columns: ['date'], dateFormat: 'd MMM yyyy' }));
      expect(custom[0]?.Date).toMatch(/^\d{1,2} [A-Z][a-z]{2} 2024$/);
    });
  });

  describe('exportClassAnalytics', () => {
    it('aggregates only the classes asked for', async () => {
      const rows = await csv(service.exportClassAnalytics([2, 1, 2]));
      expect(rows.map((r) => r['Class ID'])).toEqual(['1', '2']);
      expect(Number(rows[0]?.Records)).toBe(db.school.metrics.filter((m) => m.class_id === 1).length);
    });
  });

  describe('exportReport', () => {
    it.each(REPORT_TYPES)('writes the %s report with its own columns', async (type) => {
      const rows = await csv(service.exportReport(type));
      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0] ?? {})).toContain('Average score');
    });

    it('writes one teacher-weekly row per teacher, class and week', async () => {
      const rows = await csv(service.exportReport('teacher-weekly', { from: '2024-09-02', to: '2024-09-08' }));
      const classes = new Set(db.school.metrics.filter((m) => m.week_start === '2024-09-02').map((m) => m.class_id));
      expect(rows).toHaveLength(classes.size);
      expect(new Set(rows.map((r) => r['Week of']))).toEqual(new Set(['2024-09-02']));
    });
  });

  describe('exportCustomQuery', () => {
    it('streams any SELECT with parameters and typed columns', async () => {
      const rows = await csv(
        service.exportCustomQuery('SELECT id, recorded_on FROM metrics WHERE student_id = ? ORDER BY id', [5], {
          types: { recorded_on: 'date' },
          dateFormat: 'eu',
        }),
      );
      expect(rows).toHaveLength(db.school.metrics.filter((m) => m.student_id === 5).length);
      expect(rows[0]?.recorded_on).toMatch(/^\d{2}\.\d{2}\.2024$/);
    });
  });

  describe('XLSX', () => {
    it('writes a student export as a typed sheet', async () => {
      const result = await service.exportStudentAnalytics(4, { format: 'xlsx', columns: ['date', 'quiz_score', 'attended'] });
      expect(result.fileName).toMatch(/\.xlsx$/);
      expect(result.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readAll(result.stream)) as never);
      const sheet = book.getWorksheet('Student Analytics');
      const lessons = db.school.metrics.filter((m) => m.student_id === 4);
      expect(sheet?.rowCount).toBe(lessons.length + 1);
      expect(sheet?.getRow(2).getCell(1).value).toBeInstanceOf(Date);
      expect(typeof sheet?.getRow(2).getCell(3).value).toBe('boolean');
    });

    it('draws a native column chart of the average score per class in the per-class workbook', async () => {
      const withChart = await readAll((await service.exportClassAnalytics('all', { format: 'xlsx' })).stream);
      expect(withChart.includes('xl/charts/chart1.xml')).toBe(true);
      expect(withChart.includes('xl/drawings/drawing1.xml')).toBe(true);
      // without the columns it plots, no chart
      const without = await readAll((await service.exportClassAnalytics('all', { format: 'xlsx', columns: ['class_name', 'students'] })).stream);
      expect(without.includes('xl/charts/chart1.xml')).toBe(false);
    });

    it('streams the comprehensive workbook sheet after sheet, closing every cursor', async () => {
      const result = await service.exportComprehensive({ from: '2024-09-02', to: '2024-09-29' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readAll(result.stream)) as never);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Student Analytics', 'Class Summary', 'Performance']);
      expect(book.getWorksheet('Performance')?.rowCount).toBe(4 + 1);
      expect(db.openCursors).toBe(0);
    });
  });

  describe('errors before any byte', () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      ['an unknown student', () => service.exportStudentAnalytics(999_999), 'ANALYTICS_UNKNOWN_STUDENT'],
      ['a student id that is not an integer', () => service.exportStudentAnalytics('1; DROP TABLE students' as never), 'ANALYTICS_INVALID_OPTION'],
      ['an unknown class', () => service.exportClassAnalytics([1, 424242]), 'ANALYTICS_UNKNOWN_CLASS'],
      ['an empty class list', () => service.exportClassAnalytics([]), 'ANALYTICS_INVALID_OPTION'],
      ['from after to', () => service.exportStudentAnalytics(1, { from: '2024-10-01', to: '2024-09-01' }), 'ANALYTICS_INVALID_RANGE'],
      ['a date that does not exist', () => service.exportClassAnalytics('all', { from: '2024-02-30' }), 'ANALYTICS_INVALID_RANGE'],
      ['a date that is not YYYY-MM-DD', () => service.exportReport('student', { to: '01.09.2024' }), 'ANALYTICS_INVALID_RANGE'],
      ['an unknown column', () => service.exportStudentAnalytics(1, { columns: ['date', 'score'] }), 'ANALYTICS_UNKNOWN_COLUMN'],
      [
        'an unknown column of a custom query',
        () => service.exportCustomQuery('SELECT id FROM students', [], { columns: ['name'] }),
        'ANALYTICS_UNKNOWN_COLUMN',
      ],
      ['an unknown report', () => service.exportReport('monthly' as never), 'ANALYTICS_UNKNOWN_REPORT'],
      ['a report name from the prototype', () => service.exportReport('toString' as never), 'ANALYTICS_UNKNOWN_REPORT'],
      ['a query that is not a SELECT', () => service.exportCustomQuery('DELETE FROM students'), 'ANALYTICS_INVALID_QUERY'],
      ['two statements', () => service.exportCustomQuery('SELECT 1; DELETE FROM students'), 'ANALYTICS_INVALID_QUERY'],
      ['invalid SQL', () => service.exportCustomQuery('SELECT nope FROM nowhere'), 'ANALYTICS_INVALID_QUERY'],
      ['an unknown format', () => service.exportReport('student', { format: 'pdf' as never }), 'ANALYTICS_INVALID_OPTION'],
      ['a CSV option on an XLSX export', () => service.exportClassAnalytics('all', { format: 'xlsx', delimiter: ';' }), 'ANALYTICS_INVALID_OPTION'],
      ['a workbook that is not XLSX', () => service.exportComprehensive({ format: 'csv' as never }), 'ANALYTICS_INVALID_OPTION'],
      ['a workbook with a bad range', () => service.exportComprehensive({ from: '2024-12-01', to: '2024-01-01' }), 'ANALYTICS_INVALID_RANGE'],
    ];
    it.each(cases)('rejects %s', async (_, call, code) => {
      const error = await (call() as Promise<unknown>).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAnalyticsError(error)).toBe(true);
      expect(error).toMatchObject({
        code,
        status: code.includes('UNKNOWN_STUDENT') || code.includes('UNKNOWN_CLASS') || code.includes('UNKNOWN_REPORT') ? 404 : 400,
      });
      expect(db.openCursors).toBe(0);
    });

    it("passes rowport's own option errors through (ROWPORT_INVALID_OPTION)", async () => {
      const error = await service.exportStudentAnalytics(1, { dateFormat: 'not a [pattern' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isRowportError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
      const zone = await service.exportStudentAnalytics(1, { timeZone: 'Mars/Olympus' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(zone).toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
      expect(db.openCursors).toBe(0);
    });
  });
});
