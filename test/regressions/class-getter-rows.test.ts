// Rows that are class instances holding their values in getters (private fields behind `get id()`)
// have no own keys: without `columns`, toCsv wrote a BOM and blank lines, which readers skip, and
// toXlsx an empty sheet; every value was lost without an error. Such a first row is now
// ROWPORT_INVALID_VALUE at row 0, naming the getters to pass as `columns`; with `columns` they are read.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as web from '../../src/web/index.js';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';

class Student {
  readonly #id: number;
  constructor(id: number) {
    this.#id = id;
  }
  get id(): number {
    return this.#id;
  }
  get name(): string {
    return `Student ${this.#id}`;
  }
}
class Senior extends Student {
  get year(): number {
    return 4;
  }
}
const rows = () => [new Senior(1), new Senior(2)];
const refused = expect.objectContaining({
  code: 'ROWPORT_INVALID_VALUE',
  row: 0,
  message: expect.stringMatching(/getters.*columns: \['id', 'name', 'year'\]/),
});

/** The records Python's csv module reads from the text. */
function pythonCsv(text: string): string[][] {
  const script = 'import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' })) as string[][];
}

describe('rows whose values are all getters of their class', () => {
  it('without columns, are refused by every writer instead of written empty', async () => {
    await expect(readAll(toCsv(rows()))).rejects.toEqual(refused);
    await expect(readAll(toXlsx(rows()))).rejects.toEqual(refused);
    await expect(readAll(toWorkbook([{ name: 'A', rows: rows() }]))).rejects.toEqual(refused);
    await expect(new Response(web.toCsv(rows())).arrayBuffer()).rejects.toEqual(refused);
  });

  it('with columns, are written with their values', async () => {
    const text = await readText(toCsv(rows(), { columns: ['id', 'name', 'year'], bom: false }));
    expect(pythonCsv(text)).toEqual([
      ['id', 'name', 'year'],
      ['1', 'Student 1', '4'],
      ['2', 'Student 2', '4'],
    ]);
  });

  it('a row without any value ({}, an empty class) is still an empty line, and a Map still names itself', async () => {
    class Empty {}
    expect(await readText(toCsv([new Empty()], { bom: false }))).toBe('\r\n');
    await expect(readAll(toCsv([new Map([['id', 1]])]))).rejects.toEqual(
      expect.objectContaining({ code: 'ROWPORT_INVALID_VALUE', message: expect.stringContaining('a Map') }),
    );
  });
});
