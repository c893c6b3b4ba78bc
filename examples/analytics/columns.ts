import type { Column } from 'rowport';
import type { Row } from './db.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';

/** An output column of an export: key, header and type, as rowport's `Column`. */
export type ColumnDef = Column<Row> & { readonly key: string };

const bool = (key: string) => (row: Row) => (row[key] === null || row[key] === undefined ? null : row[key] === 1 || row[key] === true || row[key] === '1');

/** Columns of one student's metric rows. */
export const STUDENT_COLUMNS: readonly ColumnDef[] = [
  { key: 'date', header: 'Date', type: 'date' },
  { key: 'recorded_at', header: 'Recorded at', type: 'datetime' },
  { key: 'student_id', header: 'Student ID', type: 'integer' },
  { key: 'student_name', header: 'Student' },
  { key: 'class_name', header: 'Class' },
  { key: 'subject', header: 'Subject' },
  { key: 'quiz_score', header: 'Quiz score', type: 'decimal' },
  { key: 'attended', header: 'Attended', type: 'boolean', value: bool('attended') },
  { key: 'minutes_spent', header: 'Minutes spent', type: 'integer', numFmt: '#,##0' },
];
export const STUDENT_DEFAULT = ['date', 'class_name', 'subject', 'quiz_score', 'attended', 'minutes_spent'];

/** Columns of the per-class aggregates. */
export const CLASS_COLUMNS: readonly ColumnDef[] = [
  { key: 'class_id', header: 'Class ID', type: 'integer' },
  { key: 'class_name', header: 'Class' },
  { key: 'subject', header: 'Subject' },
  { key: 'teacher', header: 'Teacher' },
  { key: 'students', header: 'Students', type: 'integer', numFmt: '#,##0' },
  { key: 'records', header: 'Records', type: 'integer', numFmt: '#,##0' },
  { key: 'avg_score', header: 'Average score', type: 'decimal' },
  { key: 'min_score', header: 'Min score', type: 'decimal' },
  { key: 'max_score', header: 'Max score', type: 'decimal' },
  { key: 'attendance_rate', header: 'Attendance rate', type: 'percent' },
  { key: 'first_date', header: 'First lesson', type: 'date' },
  { key: 'last_date', header: 'Last lesson', type: 'date' },
];

/** Columns of the `'student'` report: one summary row per student. */
export const STUDENT_REPORT_COLUMNS: readonly ColumnDef[] = [
  { key: 'student_id', header: 'Student ID', type: 'integer' },
  { key: 'student_name', header: 'Student' },
  { key: 'locale', header: 'Locale' },
  { key: 'grade', header: 'Grade', type: 'integer' },
  { key: 'tutor', header: 'Tutor' },
  { key: 'classes', header: 'Classes', type: 'integer', numFmt: '#,##0' },
  { key: 'records', header: 'Records', type: 'integer', numFmt: '#,##0' },
  { key: 'avg_score', header: 'Average score', type: 'decimal' },
  { key: 'attendance_rate', header: 'Attendance rate', type: 'percent' },
  { key: 'minutes_total', header: 'Minutes', type: 'integer', numFmt: '#,##0' },
  { key: 'last_activity', header: 'Last activity', type: 'date' },
];

/** Columns of the `'teacher-weekly'` report: one row per teacher, class and week. */
export const TEACHER_WEEKLY_COLUMNS: readonly ColumnDef[] = [
  { key: 'week_start', header: 'Week of', type: 'date' },
  { key: 'teacher', header: 'Teacher' },
  { key: 'class_name', header: 'Class' },
  { key: 'students', header: 'Students', type: 'integer', numFmt: '#,##0' },
  { key: 'records', header: 'Records', type: 'integer', numFmt: '#,##0' },
  { key: 'avg_score', header: 'Average score', type: 'decimal' },
  { key: 'attendance_rate', header: 'Attendance rate', type: 'percent' },
  { key: 'minutes_total', header: 'Minutes', type: 'integer', numFmt: '#,##0' },
];

/** Columns of the `'tutor-weekly'` report: one row per tutor and week, over their tutees. */
export const TUTOR_WEEKLY_COLUMNS: readonly ColumnDef[] = [
  { key: 'week_start', header: 'Week of', type: 'date' },
  { key: 'tutor', header: 'Tutor' },
  { key: 'students', header: 'Tutees', type: 'integer', numFmt: '#,##0' },
  { key: 'records', header: 'Records', type: 'integer', numFmt: '#,##0' },
  { key: 'avg_score', header: 'Average score', type: 'decimal' },
  { key: 'attendance_rate', header: 'Attendance rate', type: 'percent' },
  { key: 'minutes_total', header: 'Minutes', type: 'integer', numFmt: '#,##0' },
];

/** Columns of the workbook's `Performance` sheet: the whole school, week by week. */
export const PERFORMANCE_COLUMNS: readonly ColumnDef[] = [
  { key: 'week_start', header: 'Week of', type: 'date' },
  { key: 'students', header: 'Students', type: 'integer', numFmt: '#,##0' },
  { key: 'records', header: 'Records', type: 'integer', numFmt: '#,##0' },
  { key: 'avg_score', header: 'Average score', type: 'decimal' },
  { key: 'attendance_rate', header: 'Attendance rate', type: 'percent' },
  { key: 'minutes_total', header: 'Minutes', type: 'integer', numFmt: '#,##0' },
];

/**
 * The columns to write: `wanted` keys picked from `available` in the caller's order, or `defaults`.
 * @throws {AnalyticsError} `ANALYTICS_UNKNOWN_COLUMN` naming the unknown key and the known ones.
 */
export function pickColumns(available: readonly ColumnDef[], wanted: readonly string[] | undefined, defaults?: readonly string[]): ColumnDef[] {
  const keys = wanted ?? defaults ?? available.map((c) => c.key);
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new AnalyticsError(
      AnalyticsErrorCode.InvalidOption,
      `Invalid option \`columns\`: expected a non-empty array of column keys, got ${JSON.stringify(keys)}`,
    );
  }
  return keys.map((key) => {
    const column = available.find((c) => c.key === key);
    if (!column) {
      throw new AnalyticsError(
        AnalyticsErrorCode.UnknownColumn,
        `Unknown column ${JSON.stringify(key)}: expected one of ${available.map((c) => c.key).join(', ')}${suggest(key, available)}`,
      );
    }
    return column;
  });
}

// --- internal ---

function suggest(key: unknown, available: readonly ColumnDef[]): string {
  if (typeof key !== 'string') return '';
  const near = available.find((c) => c.key.includes(key) || key.includes(c.key) || c.header?.toLowerCase() === key.toLowerCase());
  return near ? `. Did you mean ${JSON.stringify(near.key)}?` : '';
}
