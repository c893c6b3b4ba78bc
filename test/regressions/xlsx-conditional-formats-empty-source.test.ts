import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: an empty source without `columns` (a query that found nothing) has no columns, and a
// sheet's conditional formats then failed the export with `ROWPORT_INVALID_OPTION`
// "conditionalFormats[0].column: expected the key of a column (), got "score"", as if the option
// were wrong. Like charts and tables, conditional formats now have nothing to format there and
// the empty workbook is written; a key the first row does not have is still refused.
const conditionalFormats = [{ type: 'dataBar' as const, column: 'score' }];

describe('conditional formats on an empty source without columns', () => {
  it('write the empty sheet', async () => {
    const p = parts(await readAll(toXlsx([], { conditionalFormats })));
    expect(p['xl/worksheets/sheet1.xml']).not.toContain('conditionalFormatting');
    async function* none(): AsyncGenerator<Record<string, unknown>> {}
    const w = parts(
      await readAll(
        toWorkbook([
          { name: 'A', rows: [{ score: 1 }] },
          { name: 'B', rows: none(), conditionalFormats },
        ]),
      ),
    );
    expect(Object.keys(w)).toContain('xl/worksheets/sheet2.xml');
  });

  it('still refuse a key the rows do not have', async () => {
    await expect(readAll(toXlsx([{ points: 1 }], { conditionalFormats }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_OPTION',
      message: expect.stringContaining('`conditionalFormats[0].column`'),
    });
  });
});
