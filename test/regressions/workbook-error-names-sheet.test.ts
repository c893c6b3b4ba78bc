// In a workbook of several sheets, an error in a sheet's rows said only `Row 2: the source failed:
// db down` or `Row 0, column "d": expected a valid Date…`: the row index is the sheet's own, so
// nothing said which of the sheets (and which database cursor) failed. Now the message starts with
// the sheet's name (`Sheet "Scores": Row 2: …`); code, row, column and cause are unchanged. A
// single sheet (toXlsx, or toWorkbook with one sheet) keeps its message as it was (#12).
import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

async function* failing() {
  yield { a: 1 };
  yield { a: 2 };
  throw new Error('db down');
}

describe('an error in one sheet of a workbook', () => {
  it('names the sheet in its message, keeping code, row and cause', async () => {
    const error = await readAll(
      toWorkbook([
        { name: 'Classes', rows: [{ a: 1 }] },
        { name: 'Scores', rows: failing() },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: 2, message: 'Sheet "Scores": Row 2: the source failed: db down' });
    expect((error as Error).cause).toMatchObject({ message: 'db down' });
  });

  it('names it for a bad value too, and before the sheet has its columns', async () => {
    const sheets = [
      { name: 'A', rows: [{ d: '2024-01-01' }] },
      { name: 'B', rows: [{ d: 'soon' }], columns: [{ key: 'd', type: 'date' as const }] },
    ];
    await expect(readAll(toWorkbook(sheets))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_DATE',
      row: 0,
      column: 'd',
      message: expect.stringMatching(/^Sheet "B": Row 0, column "d": /),
    });
    await expect(
      readAll(
        toWorkbook([
          { name: 'A', rows: [{ a: 1 }] },
          { name: 'B', rows: [[1], 2] },
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_VALUE',
      message: expect.stringMatching(/^Sheet "B": Row 1: /),
    });
  });

  it('leaves a single sheet and an abort as they were', async () => {
    await expect(readAll(toXlsx(failing()))).rejects.toMatchObject({ message: 'Row 2: the source failed: db down' });
    await expect(readAll(toWorkbook([{ name: 'A', rows: failing() }]))).rejects.toMatchObject({ message: 'Row 2: the source failed: db down' });
    const controller = new AbortController();
    controller.abort();
    await expect(
      readAll(
        toWorkbook(
          [
            { name: 'A', rows: [{ a: 1 }] },
            { name: 'B', rows: failing() },
          ],
          { signal: controller.signal },
        ),
      ),
    ).rejects.toMatchObject({
      code: 'ROWPORT_ABORTED',
      message: 'The export was aborted',
    });
  });
});
