import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChartSpec,
  type ChartType,
  type HeaderFooter,
  type PrintOptions,
  type SheetSpec,
  type ToXlsxOptions,
  toWorkbook,
  toXlsx,
} from '../../src/index.js';

describe('chart and print types', () => {
  it('toXlsx options and sheets take charts, headerFooter and print', () => {
    expectTypeOf<ToXlsxOptions['charts']>().toEqualTypeOf<readonly ChartSpec[] | undefined>();
    expectTypeOf<SheetSpec<{ a: number }>['headerFooter']>().toEqualTypeOf<HeaderFooter | undefined>();
    expectTypeOf<ToXlsxOptions['print']>().toEqualTypeOf<PrintOptions | undefined>();
    expectTypeOf<ChartType>().toEqualTypeOf<'column' | 'bar' | 'line' | 'pie'>();
    toXlsx([{ a: 1, b: 'x' }], {
      charts: [{ type: 'bar', categories: 'b', series: ['a'], legend: false, size: { width: 300, height: 200 } }],
      headerFooter: { footer: 'Page &P of &N' },
      print: { orientation: 'landscape', paperSize: 'a4', fitToWidth: true },
    });
    toWorkbook([{ name: 'S', rows: [{ a: 1 }], charts: [{ type: 'pie', categories: 'a', series: ['a'] }], print: { paperSize: 9 } }]);
  });

  it('refuses unknown chart types and legend positions at compile time', () => {
    // @ts-expect-error 'area' is not a chart type
    toXlsx([], { charts: [{ type: 'area', categories: 'a', series: ['b'] }] });
    // @ts-expect-error 'middle' is not a legend position
    toXlsx([], { charts: [{ type: 'line', categories: 'a', series: ['b'], legend: 'middle' }] });
    // @ts-expect-error orientation is portrait or landscape
    toXlsx([], { print: { orientation: 'sideways' } });
  });
});
