import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../../src/index.js';
import { readAll } from '../../helpers/streams.js';

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
const rows = [{ name: 'Ada', score: 1 }];

describe('bad workbook feature options fail at the call, before the first byte, naming the sheet and option', () => {
  it.each([
    [
      {
        columns: [
          { key: 'ratio', formula: undefined, type: 'decimal' },
          { key: 'x', formula: 3 },
        ],
      },
      'columns[1].formula',
    ],
    [{ columns: ['name'], conditionalFormats: [{ type: 'dataBar', column: 'nope' }] }, 'conditionalFormats[0].column'],
    [{ table: { name: 'A1' } }, 'table.name'],
    [{ table: { name: 'my table' } }, 'table.name'],
    [{ columns: ['name'], table: { totals: { nope: 'sum' } } }, 'table.totals.nope'],
    [{ columns: [{ key: 'name', link: 'javascript:alert({name})' }] }, 'columns[0].link'],
    [{ columns: [{ key: 'name', style: { fill: 'pink' } }] }, 'columns[0].style.fill'],
    [{ columns: [{ key: 'score', conditionalFormats: [{ type: 'cell', operator: '>', value: 1 }] }] }, 'columns[0].conditionalFormats[0].style'],
    [{ title: 42 }, 'title'],
    [{ preamble: ['ok', null] }, 'preamble[1]'],
    [{ rowStyle: 'zebra' }, 'rowStyle'],
    [{ header: false, table: true }, 'table'],
  ])('toXlsx %j', (options, option) => {
    expect(() => toXlsx(rows, options as never)).toThrow(invalid(option));
  });

  it('names the sheet of toWorkbook', () => {
    expect(() =>
      toWorkbook([
        { name: 'a', rows },
        { name: 'b', rows, table: { style: 'Pretty' } },
      ] as never),
    ).toThrow(invalid('sheets[1].table.style'));
    expect(() => toWorkbook([{ name: 'b', rows, columns: [{ key: 'u', link: 'file:///{x}' }] }] as never)).toThrow(invalid('sheets[0].columns[0].link'));
  });

  it('checks keys against the first row when columns come from it (the stream fails before its first byte)', async () => {
    const stream = toXlsx(rows, { conditionalFormats: [{ type: 'dataBar', column: 'nope' }] });
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await expect(readAll(stream)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION' });
    expect(bytes).toBe(0);
  });
});

describe('unused features cost nothing', () => {
  it('writes the same bytes as before with no feature option', async () => {
    const plain = await readAll(toXlsx(rows));
    const explicit = await readAll(toXlsx(rows, { table: false, conditionalFormats: [], preamble: [] }));
    expect(explicit.equals(plain)).toBe(true);
  });
});
