// A source that gave one row object again, changed (`const row = {}; for (…) { row.id = i; yield row; }`,
// a driver that reuses its row), was read ahead in batches before the rows were written: every row of
// a batch then held the values of its last, so the file had that row 64 times (or 300, the auto-fit
// sample) and lacked the others, without an error. The same object given twice in a row is now
// ROWPORT_INVALID_SOURCE naming the row, before either is written; an array may hold one object twice.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as web from '../../src/web/index.js';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

function* reused() {
  const row = { id: 0, name: '' };
  for (let i = 0; i < 5; i++) {
    row.id = i;
    row.name = `Student ${i}`;
    yield row;
  }
}
async function* reusedAsync() {
  yield* reused();
}
const refused = expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', row: 1, message: expect.stringContaining('same object') });

/** The records Python's csv module reads from the text. */
function pythonCsv(text: string): string[][] {
  const script = 'import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' })) as string[][];
}

describe('a source that gives one row object again, changed', () => {
  it.each([
    ['sync', reused],
    ['async', reusedAsync],
  ])('%s: is refused by every writer and helper, never written as copies of its last row', async (_, source) => {
    await expect(readAll(toCsv(source()))).rejects.toEqual(refused);
    await expect(readAll(toXlsx(source()))).rejects.toEqual(refused);
    await expect(readAll(toWorkbook([{ name: 'A', rows: source() }]))).rejects.toEqual(refused);
    await expect(readAll(toCsv(formatDates(source(), 'iso')))).rejects.toEqual(refused);
    await expect(readAll(toCsv(selectColumns(source(), ['id', 'name'])))).rejects.toEqual(refused);
    await expect(new Response(web.toCsv(source())).arrayBuffer()).rejects.toEqual(refused);
  });

  it('is refused when it first gives an object again after many rows (toXlsx holds its auto-fit sample)', async () => {
    function* lateReuse() {
      let row = { id: 0 };
      for (let i = 0; i < 200; i++) {
        if (i < 100) row = { id: i };
        else row.id = i;
        yield row;
      }
    }
    await expect(readAll(toXlsx(lateReuse()))).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', row: 100 }));
    await expect(readAll(toCsv(lateReuse()))).rejects.toEqual(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', row: 100 }));
  });

  it('a new object per row is written row by row', async () => {
    async function* fresh() {
      for (const row of reused()) yield { ...row };
    }
    const records = pythonCsv(await readText(toCsv(fresh(), { bom: false })));
    expect(records).toEqual([['id', 'name'], ...[0, 1, 2, 3, 4].map((i) => [String(i), `Student ${i}`])]);
  });

  it('an array may hold one object at several rows', async () => {
    const row = { id: 1 };
    expect(await readText(toCsv([row, row], { bom: false }))).toBe('id\r\n1\r\n1\r\n');
  });
});
