import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';

// Issue 12: the objects of `table` and of each conditional format took any key, so a misspelt one
// was silently ignored: `table: { total: { score: 'sum' } }` wrote no totals row, `{ type: 'dataBar',
// colour: 'FF0000' }` the default blue, `{ type: 'iconSet', icon: '3Arrows' }` traffic lights,
// while every other options object (columns, charts, print, styles) refuses an unknown key. These
// are now `ROWPORT_INVALID_OPTION` at the call, naming the sheet, the option and the closest key.
const rows = [{ name: 'a', score: 1 }];
const unknown = (option: string, guess: string) =>
  expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`Unknown option \`${option}\`: did you mean '${guess}'?`) });

describe('unknown keys in table and conditional format options', () => {
  it('are refused at the call', () => {
    expect(() => toXlsx(rows, { table: { total: { score: 'sum' } } } as never)).toThrow(unknown('table.total', 'totals'));
    expect(() => toXlsx(rows, { conditionalFormats: [{ type: 'dataBar', column: 'score', colour: 'FF0000' }] } as never)).toThrow(
      unknown('conditionalFormats[0].colour', 'color'),
    );
    expect(() => toXlsx(rows, { columns: ['name', { key: 'score', conditionalFormats: [{ type: 'iconSet', icon: '3Arrows' }] }] } as never)).toThrow(
      unknown('columns[1].conditionalFormats[0].icon', 'icons'),
    );
    expect(() => toWorkbook([{ name: 'A', rows }, { name: 'B', rows, table: { nmae: 'Scores' } } as never])).toThrow(unknown('sheets[1].table.nmae', 'name'));
    expect(() =>
      toWorkbook([{ name: 'A', rows, conditionalFormats: [{ type: 'cell', column: 'score', operator: '>', value: 1, style: {}, priority: 1 }] } as never]),
    ).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[0].conditionalFormats[0].priority`') }));
  });

  it('takes every documented key', () => {
    expect(() =>
      toXlsx(rows, {
        table: { name: 'Scores', style: 'none', bandedRows: false, totals: { score: 'sum' } },
        conditionalFormats: [
          { type: 'colorScale', column: 'score', colors: ['FF0000', '00FF00'] },
          { type: 'dataBar', column: 'score', color: '638EC6' },
          { type: 'iconSet', column: 'score', icons: '3Arrows', reverse: true, showValue: false },
          { type: 'cell', column: 'score', operator: '>', value: 1, style: { bold: true } },
          { type: 'text', column: 'name', contains: 'a', style: { bold: true } },
          { type: 'top', column: 'score', count: 1, percent: false, style: { bold: true } },
          { type: 'belowAverage', column: 'score', style: { bold: true } },
        ],
      }),
    ).not.toThrow();
  });
});
