import { toCsv, toXlsx } from 'rowport';
import type { Readable } from 'node:stream';
import type { Format } from './download.js';

/** The row every recipe exports: a student and their score. */
export interface StudentRow {
  readonly id: number;
  readonly name: string;
  readonly score: number;
  readonly joined: Date;
}

/** Where the recipes' rows come from: a fresh async iterable per request (a cursor, a generator). */
export type StudentSource = () => AsyncIterable<StudentRow>;

const COLUMNS = ['id', 'name', 'score', { key: 'joined', type: 'date' as const }];

/** The export a recipe serves, in the asked format, with the same columns in both. */
export function studentExport(rows: AsyncIterable<StudentRow>, format: Format): Readable {
  return format === 'csv' ? toCsv(rows, { columns: COLUMNS }) : toXlsx(rows, { columns: COLUMNS, sheetName: 'Students' });
}

/** The format named by a route parameter; undefined for anything else (never trust the client's input). */
export function formatOf(value: unknown): Format | undefined {
  return value === 'csv' || value === 'xlsx' ? value : undefined;
}
