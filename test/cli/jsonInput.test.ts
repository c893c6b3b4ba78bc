import { describe, expect, it } from 'vitest';
import { RowLines, jsonArrayRows, ndjsonRows } from '../../src/cli/jsonInput.js';

async function collect(rows: AsyncIterable<object>): Promise<object[]> {
  const out: object[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** The text in chunks of `size` characters, to cross every boundary. */
async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const ARRAY = '[\r\n  {"a": 1, "s": "x\\ny"},\r\n  [2, 3],\r\n  {"a": 12345678901234567890}\r\n]\r\n';

describe('jsonArrayRows', () => {
  it.each([1, 2, 7, 1000])('reads elements in chunks of %i characters, with their lines', async (size) => {
    const lines = new RowLines();
    expect(await collect(jsonArrayRows(chunks(ARRAY, size), lines))).toEqual([{ a: 1, s: 'x\ny' }, [2, 3], { a: 12345678901234567890n }]);
    expect([lines.lineOf(0), lines.lineOf(1), lines.lineOf(2), lines.lineOf(3)]).toEqual([2, 3, 4, undefined]);
  });

  it.each([
    ['[\n{"a":1},\n{"a":2,,}\n]', 3],
    ['[\n{"a":1},\n\n\n"text"\n]', 5],
    ['[\n{"a":1}\n', 3],
    ['[\n{"a":1}\n]\n[]', 4],
    ['\n\n{"a":1}', 3],
    ['\n42', 2],
  ])('fails on %j with ROWPORT_INVALID_JSON at line %i', async (text, line) => {
    for (const size of [1, 3, 1000]) {
      await expect(collect(jsonArrayRows(chunks(text, size), new RowLines()))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_JSON', row: line });
    }
  });

  it('reads an empty or blank input as no rows', async () => {
    expect(await collect(jsonArrayRows(chunks('', 1), new RowLines()))).toEqual([]);
    expect(await collect(jsonArrayRows(chunks(' \n ', 1), new RowLines()))).toEqual([]);
  });
});

describe('numbers a double cannot hold', () => {
  const text = '{"id":9223372036854775807,"f":1.5e400,"g":-1e-400,"d":12345678901234567.89,"x":0.1,"e":6.022e23,"n":-0,"s":"1e400"}';
  const expected = { id: 9223372036854775807n, f: '1.5e400', g: '-1e-400', d: '12345678901234567.89', x: 0.1, e: 6.022e23, n: -0, s: '1e400' };
  it.each([1, 7, 1000])('keeps them exact in a JSON array, in chunks of %i', async (size) => {
    expect(await collect(jsonArrayRows(chunks(`[${text}]`, size), new RowLines()))).toEqual([expected]);
  });
  it.each([1, 7, 1000])('keeps them exact in NDJSON, in chunks of %i', async (size) => {
    expect(await collect(ndjsonRows(chunks(`${text}\n{"a":1.25}`, size), new RowLines()))).toEqual([expected, { a: 1.25 }]);
  });
  it('finds them in arrays and after spaces, and not inside strings', async () => {
    const line = '{"u":"550e8400","a":[1, 1e400],"b": -12345678901234567.5,"c":"x:12345678901234567"}';
    expect(await collect(ndjsonRows(chunks(line, 1000), new RowLines()))).toEqual([
      { u: '550e8400', a: [1, '1e400'], b: '-12345678901234567.5', c: 'x:12345678901234567' },
    ]);
  });
  it('reads 15 digits split by a dot, which JSON.parse would take, exactly', async () => {
    expect(await collect(ndjsonRows(chunks('{"a":1234567890.12345678}', 1000), new RowLines()))).toEqual([{ a: '1234567890.12345678' }]);
  });
});

describe('ndjsonRows', () => {
  it.each([1, 5, 1000])('reads one row a line in chunks of %i, skipping blank lines, with CRLF', async (size) => {
    const lines = new RowLines();
    const text = '{"a":1}\r\n\r\n["x"]\n{"big":-98765432109876543210,"f":1.5}';
    expect(await collect(ndjsonRows(chunks(text, size), lines))).toEqual([{ a: 1 }, ['x'], { big: -98765432109876543210n, f: 1.5 }]);
    expect([lines.lineOf(0), lines.lineOf(1), lines.lineOf(2)]).toEqual([1, 3, 4]);
  });

  it.each([
    ['{"a":1}\n{"a":\n', 2],
    ['{"a":1}\n\n"text"\n', 3],
    ['{"a":1} {"a":2}\n', 1],
    ['{"a":1}\nnull', 2],
  ])('fails on %j with ROWPORT_INVALID_JSON at line %i', async (text, line) => {
    await expect(collect(ndjsonRows(chunks(text, 4), new RowLines()))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_JSON', row: line });
  });
});

describe('RowLines', () => {
  it('forgets rows older than its ring', () => {
    const lines = new RowLines();
    for (let i = 0; i < 10_000; i++) lines.push(i + 1);
    expect(lines.lineOf(9_999)).toBe(10_000);
    expect(lines.lineOf(2_000)).toBe(2_001);
    expect(lines.lineOf(0)).toBeUndefined();
    expect(lines.lineOf(10_000)).toBeUndefined();
  });
});
