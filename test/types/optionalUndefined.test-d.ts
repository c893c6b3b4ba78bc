// Under exactOptionalPropertyTypes, an optional option must also take `undefined` (what a setting
// that may be missing gives): the conditional-format fields `color`, `count` and `icons` did not (#22).
// This walks every public option type, nested objects, arrays and unions included, and lists the
// paths of optional properties that refuse `undefined`.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AutoFitOptions,
  CellStyle,
  ChartSpec,
  Column,
  ColumnFormula,
  ConditionalFormat,
  ExportFileNameOptions,
  ExportToFileOptions,
  FormatDateOptions,
  FormatDatesOptions,
  FromCsvOptions,
  HeaderFooter,
  HeaderStyle,
  LinkValue,
  PrintOptions,
  SheetSpec,
  TableOptions,
  TitleOptions,
  ToCsvOptions,
  ToWorkbookOptions,
  ToXlsxOptions,
  XlsxColumn,
  XlsxColumnOptions,
  XlsxLookOptions,
  XlsxWorkbookOptions,
} from '../../src/index.js';

// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<O, K>` is the test for an optional key
type IsOptional<O, K extends keyof O> = {} extends Pick<O, K> ? true : false;
type TakesUndefined<O, K extends keyof O> = { [P in K]: undefined } extends Pick<O, K> ? true : false;
type Leaf =
  | string
  | number
  | bigint
  | boolean
  | symbol
  | null
  | undefined
  | Date
  | AbortSignal
  | ArrayBufferLike
  | ArrayBufferView
  | RegExp
  | ((...args: never[]) => unknown);

/** Paths (`'conditionalFormats[].color'`) of optional properties of `T`, at any depth, that refuse `undefined`. */
type Refusing<T, Path extends string = '', Depth extends unknown[] = []> = Depth['length'] extends 6
  ? never
  : T extends Leaf
    ? never
    : T extends readonly (infer E)[]
      ? Refusing<E, `${Path}[]`, [...Depth, 1]>
      : T extends object
        ? {
            [K in keyof T & string]-?:
              | (string extends K ? never : IsOptional<T, K> extends true ? (TakesUndefined<T, K> extends true ? never : `${Path}${K}`) : never)
              | Refusing<Exclude<T[K], undefined>, `${Path}${K}.`, [...Depth, 1]>;
          }[keyof T & string]
        : never;

type Row = { name: string; score: number };

describe('every optional option takes undefined (exactOptionalPropertyTypes)', () => {
  it('in the writers', () => {
    expectTypeOf<Refusing<ToCsvOptions<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ToXlsxOptions<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ToWorkbookOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<SheetSpec<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<XlsxLookOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<XlsxWorkbookOptions>>().toEqualTypeOf<never>();
  });
  it('in the pieces of a sheet', () => {
    expectTypeOf<Refusing<ConditionalFormat>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ChartSpec>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<TableOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<TitleOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<CellStyle>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<LinkValue>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<XlsxColumn<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<XlsxColumnOptions<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ColumnFormula<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<Column<Row>>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<PrintOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<HeaderFooter>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<HeaderStyle>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<AutoFitOptions>>().toEqualTypeOf<never>();
  });
  it('in the other calls', () => {
    expectTypeOf<Refusing<FromCsvOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<FormatDateOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<FormatDatesOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ExportToFileOptions>>().toEqualTypeOf<never>();
    expectTypeOf<Refusing<ExportFileNameOptions>>().toEqualTypeOf<never>();
  });
  it('for example a conditional format built from settings that may be missing', () => {
    const color: string | undefined = undefined;
    const count: number | undefined = undefined;
    const format: ConditionalFormat = { type: 'dataBar', column: 'score', color };
    const top: ConditionalFormat = { type: 'top', column: 'score', count, style: { bold: true } };
    expectTypeOf(format).toMatchTypeOf<ConditionalFormat>();
    expectTypeOf(top).toMatchTypeOf<ConditionalFormat>();
  });
});
