import { describe, expectTypeOf, it } from 'vitest';
import { type CellStyle, type ConditionalFormat, type TableOptions, type XlsxColumn, toWorkbook, toXlsx } from '../../src/index.js';

describe('workbook feature types', () => {
  it('type formula functions and the row style by the rows', () => {
    toXlsx([{ score: 1, max: 2 }], {
      columns: [
        { key: 'ratio', formula: (row, r) => `${row.score > 0 ? 'A' : 'B'}${r}/C${r}` },
        { key: 'ratio2', formula: 'A{r}/B{r}' },
      ],
      rowStyle: (row) => (row.score < 1 ? { bold: true } : undefined),
    });
    // @ts-expect-error: `missing` is not a property of the rows
    toXlsx([{ score: 1 }], { columns: [{ key: 'x', formula: (row) => row.missing }] });
    // @ts-expect-error: `missing` is not a property of the rows
    toXlsx([{ score: 1 }], { rowStyle: (row) => (row.missing ? {} : undefined) });
  });

  it('take tables, conditional formats, links and a title block on toXlsx and every sheet', () => {
    const table: TableOptions = { name: 'Scores', style: 'TableStyleLight9', totals: { score: 'average', name: 'Total' } };
    const rules: ConditionalFormat[] = [
      { type: 'colorScale', column: 'score' },
      { type: 'cell', column: 'score', operator: 'between', value: [1, 2], style: { fill: 'FFC7CE' } },
    ];
    toXlsx([{ name: 'Ada', score: 1, id: 3 }], {
      table,
      conditionalFormats: rules,
      title: 'T',
      subtitle: 'S',
      preamble: ['p'],
      columns: [
        { key: 'name', link: 'https://x.org/{id}', style: { bold: true } },
        { key: 'score', conditionalFormats: [{ type: 'dataBar' }] },
        { key: 'id', type: 'url' },
      ],
    });
    toWorkbook([{ name: 'S', rows: [{ a: 1 }], table: true, title: 'T', conditionalFormats: [{ type: 'dataBar', column: 'a' }] }]);
    // @ts-expect-error: not a conditional format type
    toXlsx([], { conditionalFormats: [{ type: 'sparkle', column: 'a' }] });
    // @ts-expect-error: not an alignment
    toXlsx([], { columns: [{ key: 'a', style: { align: 'middle' } }] });
    expectTypeOf<XlsxColumn['style']>().toEqualTypeOf<CellStyle | undefined>();
  });
});
