// A value whose `toJSON()` gives a string (a `URL`, a Decimal.js number as Prisma returns, a dayjs
// or luxon date, a MongoDB `ObjectId`) or a `String` object was written as the string's JSON
// literal, quotes and all: `new URL('https://example.com/a')` became `"https://example.com/a"` in
// CSV and XLSX. It is now that string; in CSV with formula escaping, like any text.
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { toCsv as webToCsv } from '../../src/web/index.js';
import { readText } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

afterAll(removeTempDirs);

/** A Decimal.js-like number: `toJSON()` gives its digits as a string. */
const decimal = (digits: string) => ({ toJSON: () => digits, toString: () => digits });
/** A dayjs- or luxon-like date: an object (not a `Date`) whose `toJSON()` gives its ISO text. */
class Moment {
  constructor(private readonly ms: number) {}
  toJSON(): string {
    return new Date(this.ms).toISOString();
  }
}
const rows = () => [
  { v: new URL('https://example.com/a?b=1') },
  { v: decimal('12.50') },
  { v: new Moment(Date.UTC(2024, 0, 15, 10)) },
  { v: new String('Ada "the first"') },
  { v: { nested: decimal('1.5') } },
];
const texts = ['https://example.com/a?b=1', '12.50', '2024-01-15T10:00:00.000Z', 'Ada "the first"', '{"nested":"1.5"}'];

const PY_CSV = `
import csv, io, json, sys
print(json.dumps([r[0] for r in csv.reader(io.StringIO(json.load(sys.stdin), newline=''))]))
`;

describe('values whose JSON is a string', () => {
  it.runIf(haveTool('python'))('CSV writes the string itself (python csv)', async () => {
    const text = await readText(toCsv(rows(), { header: false, bom: false }));
    expect(python<string[]>(PY_CSV, text)).toEqual(texts);
    expect(await new Response(webToCsv(rows(), { header: false, bom: false })).text()).toBe(text);
  });

  it('CSV escapes such a string as it escapes text', async () => {
    const text = await readText(toCsv([{ v: decimal('=1+2') }, { v: decimal('-12.5') }], { header: false, bom: false }));
    expect(text).toBe("'=1+2\r\n-12.5\r\n");
  });

  it.runIf(haveTool('openpyxl'))('XLSX writes the same text cells (openpyxl)', async () => {
    const path = await saveTo(tempDir(), 'tojson.xlsx', toXlsx(rows(), { header: false }));
    expect(values(readWithOpenpyxl([path])[path]!.sheets[0]!)).toEqual(texts.map((t) => [t]));
  });
});
