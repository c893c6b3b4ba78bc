import { describe, expect, it } from 'vitest';
import { RowportErrorCode, toWorkbook, toXlsx } from '../../../src/index.js';
import { SharedStrings } from '../../../src/xlsx/package/sharedStrings.js';
import { readAll } from '../../helpers/streams.js';
import { rawParts } from '../../helpers/unzip.js';

const sheetAndTable = async (stream: ReturnType<typeof toXlsx>) => {
  const p = rawParts(await readAll(stream));
  return { sheet: p['xl/worksheets/sheet1.xml'] as string, sst: p['xl/sharedStrings.xml'] };
};

describe('SharedStrings', () => {
  it('gives each string one index, in the order first used, and counts every reference', () => {
    const table = new SharedStrings({ maxStrings: 10, maxBytes: 1000 });
    expect(['a', 'b', 'a', 'c', 'b'].map((t) => table.cellEnd(t))).toEqual([
      ' t="s"><v>0</v></c>',
      ' t="s"><v>1</v></c>',
      ' t="s"><v>0</v></c>',
      ' t="s"><v>2</v></c>',
      ' t="s"><v>1</v></c>',
    ]);
    expect(table.size).toBe(3);
  });

  it('takes no string past maxStrings, and keeps referring to those it holds', () => {
    const table = new SharedStrings({ maxStrings: 2, maxBytes: 1000 });
    expect(['a', 'b', 'c', 'a', 'c'].map((t) => table.cellEnd(t) !== undefined)).toEqual([true, true, false, true, false]);
    expect(table.size).toBe(2);
  });

  it('takes no text past maxBytes (2 per UTF-16 code unit), but shorter text that still fits', () => {
    const table = new SharedStrings({ maxStrings: 100, maxBytes: 10 });
    expect(['abc', 'toolong', 'de', 'f'].map((t) => table.cellEnd(t) !== undefined)).toEqual([true, false, true, false]);
    expect(table.size).toBe(2);
  });
});

describe('the sharedStrings option', () => {
  it('writes text cells as shared strings by default, with count and uniqueCount', async () => {
    const { sheet, sst } = await sheetAndTable(
      toXlsx([
        { a: 'x', b: 'y' },
        { a: 'x', b: 1 },
      ]),
    );
    expect(sheet).toContain('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>0</v></c>');
    expect(sst).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="2"><si><t>x</t></si><si><t>y</t></si></sst>',
    );
  });

  it('writes every text inline with false, and no table part', async () => {
    const { sheet, sst } = await sheetAndTable(toXlsx([{ a: 'x' }], { sharedStrings: false }));
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t>x</t></is></c>');
    expect(sst).toBeUndefined();
  });

  it('stops sharing a column whose text seldom repeats after 4,096 cells; other columns keep sharing', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: `id-${i}`, kind: i % 3 === 0 ? 'odd' : 'even' }));
    const { sheet, sst } = await sheetAndTable(toXlsx(rows, { header: false }));
    expect(sheet).toContain('<c r="A4096" t="s"><v>4097</v></c><c r="B4096" t="s"><v>1</v></c>');
    expect(sheet).toContain('<c r="A4097" t="inlineStr"><is><t>id-4096</t></is></c><c r="B4097" t="s"><v>3</v></c>');
    expect(sst).toContain('count="9096" uniqueCount="4098"');
  });

  it('writes no table part when no cell holds text', async () => {
    expect((await sheetAndTable(toXlsx([{ a: 1 }]))).sst).toBeUndefined();
  });

  it.each([
    [{ sharedStrings: 'yes' }, 'sharedStrings'],
    [{ sharedStrings: null }, 'sharedStrings'],
    [{ sharedStrings: { maxStrings: -1 } }, 'sharedStrings.maxStrings'],
    [{ sharedStrings: { maxStrings: 1.5 } }, 'sharedStrings.maxStrings'],
    [{ sharedStrings: { maxBytes: 2 ** 31 } }, 'sharedStrings.maxBytes'],
    [{ sharedStrings: { maxString: 10 } }, 'sharedStrings.maxString'],
  ])('refuses %j at the call, naming %s', (options, name) => {
    for (const call of [() => toXlsx([], options as never), () => toWorkbook([{ name: 'S', rows: [] }], options as never)]) {
      expect(call).toThrow(expect.objectContaining({ code: RowportErrorCode.InvalidOption, message: expect.stringContaining(name) }));
    }
  });
});
