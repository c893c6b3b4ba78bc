// Types of bench/rows.mjs for the TypeScript that imports it (scripts/goldenCases.ts).
import type { ColumnType } from '../src/index.js';

export interface BenchColumn {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType;
  readonly width: number;
}
export type BenchRow = Record<string, string | number | boolean | Date | null>;

export declare const COLUMNS: BenchColumn[];
export declare const KEYS: string[];
export declare function analyticsRows(n: number, seed?: number): Generator<BenchRow>;
export declare function analyticsArrays(n: number, seed?: number): Generator<unknown[]>;
