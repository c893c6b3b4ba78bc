import {
  type AutoFitOptions,
  type ConditionalFormat,
  type LinkValue,
  type TableOptions,
  type ChartSpec,
  type Column,
  type ExportFileNameOptions,
  type ExportToFileOptions,
  type FormatDateOptions,
  type FormatDatesOptions,
  type FromCsvOptions,
  type HeaderFooter,
  type HeaderStyle,
  type PrintOptions,
  type SheetSpec,
  type ToCsvOptions,
  type ToWorkbookOptions,
  type ToXlsxOptions,
  toCsv,
} from '../../../dist/index.js';

/** The option's optional keys, each given as `undefined`. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<O, K>` is the test for an optional key
type OptionalKeys<O> = { [K in keyof O]-?: {} extends Pick<O, K> ? K : never }[keyof O];
type AllUndefined<O> = { [K in OptionalKeys<O>]: undefined };

// Under exactOptionalPropertyTypes each line fails (TS2375) unless every optional key allows undefined.
export const csv: ToCsvOptions = {} as AllUndefined<ToCsvOptions>;
export const xlsx: ToXlsxOptions = {} as AllUndefined<ToXlsxOptions>;
export const workbook: ToWorkbookOptions = {} as AllUndefined<ToWorkbookOptions>;
export const sheet: SheetSpec = { name: 'S', rows: [], ...({} as AllUndefined<SheetSpec>) };
export const column: Column = { key: 'k', ...({} as AllUndefined<Column>) };
export const read: FromCsvOptions = {} as AllUndefined<FromCsvOptions>;
export const date: FormatDateOptions = {} as AllUndefined<FormatDateOptions>;
export const dates: FormatDatesOptions = {} as AllUndefined<FormatDatesOptions>;
export const file: ExportToFileOptions = {} as AllUndefined<ExportToFileOptions>;
export const fileName: ExportFileNameOptions = {} as AllUndefined<ExportFileNameOptions>;
export const chart: ChartSpec = { type: 'column', categories: 'c', series: ['s'], ...({} as AllUndefined<ChartSpec>) };
export const headerFooter: HeaderFooter = {} as AllUndefined<HeaderFooter>;
export const print: PrintOptions = {} as AllUndefined<PrintOptions>;
export const autoFit: AutoFitOptions = {} as AllUndefined<AutoFitOptions>;
export const headerStyle: HeaderStyle = {} as AllUndefined<HeaderStyle>;
export const table: TableOptions = {} as AllUndefined<TableOptions>;
export const link: LinkValue = { url: 'https://example.com', ...({} as AllUndefined<LinkValue>) };
// Each conditional-format rule's optional fields (`colors`, `color`, `icons`, `count`, …) take undefined too (#22).
type Rule<K extends ConditionalFormat['type']> = Extract<ConditionalFormat, { type: K }>;
export const rules: ConditionalFormat[] = [
  { type: 'colorScale', ...({} as AllUndefined<Rule<'colorScale'>>) },
  { type: 'dataBar', ...({} as AllUndefined<Rule<'dataBar'>>) },
  { type: 'iconSet', ...({} as AllUndefined<Rule<'iconSet'>>) },
  { type: 'top', style: { bold: true }, ...({} as AllUndefined<Rule<'top'>>) },
  { type: 'cell', operator: '>', value: 1, style: { bold: true }, ...({} as AllUndefined<Rule<'cell'>>) },
  { type: 'aboveAverage', style: { bold: true }, ...({} as AllUndefined<Rule<'aboveAverage'>>) },
];

// The everyday case: a setting that may be missing.
declare const delimiter: string | undefined;
export const stream = toCsv([{ a: 1 }], { delimiter });
