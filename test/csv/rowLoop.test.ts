// The CSV row loop after #23's speed work: numbers, booleans and dates skip the quote test only
// when the dialect shares no character with them, rows are joined a batch at a time, and chunks
// still end at the same rows. Read back by csv-parse and python's csv, in dialects whose delimiter
// or quote is a digit, a letter of `NaN`/`Infinity`/`e`, `-`, `.`, `:`, `/` or a space.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ColumnType, RowportErrorCode, type ToCsvOptions, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';

const PY_READ = `
import csv, io, json, sys
out = []
for f in json.load(sys.stdin):
    data = bytes.fromhex(f['hex']).decode('utf-8')
    if data.startswith('\\ufeff'): data = data[1:]
    out.append(list(csv.reader(io.StringIO(data, newline=''), delimiter=f['delimiter'], quotechar=f['quote'], strict=True)))
json.dump(out, sys.stdout)
`;

interface Dialect {
  delimiter: string;
  quote: string;
  quoteAll?: boolean;
  decimalSeparator?: '.' | ',';
  lineEnding?: '\r\n' | '\n' | '\r';
  dateFormat?: string;
}

const DIALECTS: Dialect[] = [
  { delimiter: ',', quote: '"' },
  { delimiter: ',', quote: '"', quoteAll: true },
  { delimiter: '.', quote: '"', decimalSeparator: ',' },
  { delimiter: '0', quote: '"' },
  { delimiter: 'e', quote: "'" },
  { delimiter: '-', quote: '"', lineEnding: '\n' },
  { delimiter: ' ', quote: '"', dateFormat: 'full' },
  { delimiter: ':', quote: '"', dateFormat: 'full' },
  { delimiter: '/', quote: '"', dateFormat: 'us' },
  { delimiter: 'N', quote: 'a' },
  { delimiter: 'r', quote: 'u', lineEnding: '\r' },
  { delimiter: ';', quote: '1', decimalSeparator: ',' },
  { delimiter: ';', quote: "'", decimalSeparator: ',', dateFormat: 'eu' },
  { delimiter: ',', quote: '"', dateFormat: "d MMMM yyyy 'at' HH:mm" },
  { delimiter: 'ab', quote: '"' },
  { delimiter: '1.', quote: '"', decimalSeparator: ',' },
  { delimiter: 'e+', quote: '"' },
  { delimiter: '||', quote: "'" },
];

const value = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.boolean(),
  fc.constantFrom(null, undefined, '', 'ID', '-1', '=1+2', 'a,b', 'x"y', 'line\r\nbreak', ' ', '0.5', 'e', 'NaN'),
  fc.date({ min: new Date(Date.UTC(-200, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
  fc.string({ unit: fc.constantFrom('a', 'e', '1', '.', '-', '+', ':', '/', ' ', '"', "'", ',', 'N', '|', 'r', 'u', 'я', '\n') }),
);

const pad = (n: number, width = 2): string => `${Math.abs(n)}`.padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The text a reader should see for a value, written here from the rules, not from rowport's code. */
function expectedText(v: unknown, type: ColumnType | undefined, dialect: Dialect): string {
  const comma = dialect.decimalSeparator === ',';
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    const text = Object.is(v, -0) ? '0' : String(v);
    return comma ? text.replace('.', ',') : text;
  }
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const y = v.getUTCFullYear();
    const year = `${y < 0 ? '-' : ''}${pad(y, 4)}`;
    const [mo, d, h, mi, s] = [v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds()];
    const format = dialect.dateFormat ?? 'iso';
    const date = format === 'us' ? `${pad(mo)}/${pad(d)}/${year}` : format === 'eu' ? `${pad(d)}.${pad(mo)}.${year}` : `${year}-${pad(mo)}-${pad(d)}`;
    let text: string;
    if (format.startsWith('d MMMM'))
      text = `${d} ${MONTHS[mo - 1]} ${year} at ${type === 'date' ? '00:00' : `${pad(h)}:${pad(mi)}`}`; // a date column: the day alone
    else text = type === 'datetime' || (format === 'full' && type !== 'date') ? `${date} ${pad(h)}:${pad(mi)}:${pad(s)}` : date;
    return text.startsWith('-') ? `'${text}` : text;
  }
  const text = v as string;
  if (comma && (type === 'decimal' || type === 'integer') && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return text.replace('.', ',');
  return /^[=+\-@\t\r\n]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? `'${text}` : text;
}

function readBack(text: string, dialect: Dialect): string[][] {
  return parse(text, { delimiter: dialect.delimiter, quote: dialect.quote, escape: dialect.quote, relax_column_count: true, bom: true });
}

describe('toCsv row loop', () => {
  for (const dialect of DIALECTS) {
    it(`writes every kind of value exactly, read back: ${JSON.stringify(dialect)}`, async () => {
      const types: (ColumnType | undefined)[] = [undefined, 'decimal', 'date', 'datetime', 'string'];
      const samples = fc.sample(fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 150 }), { numRuns: 25, seed: 2323 });
      const files: { hex: string; delimiter: string; quote: string }[] = [];
      const wanted: string[][][] = [];
      for (const [n, sample] of samples.entries()) {
        // date columns take only dates (and empty values); the others any value
        const rows = sample.map((row) => Object.fromEntries(row.map((v, c) => [`k${c}`, types[c]?.startsWith('date') && !(v instanceof Date) ? null : v])));
        const columns = types.map((type, c) => ({ key: `k${c}`, ...(type ? { type } : {}) }));
        const options: ToCsvOptions<Record<string, unknown>> = { ...dialect, columns, header: n % 2 === 0, bom: n % 3 !== 0 };
        const bytes = await readAll(toCsv(rows, options));
        const want = rows.map((row) => columns.map((column) => expectedText(row[column.key], column.type, dialect)));
        if (n % 2 === 0) want.unshift(columns.map((column) => column.key));
        expect(readBack(bytes.toString('utf8'), dialect)).toEqual(want);
        if (dialect.delimiter.length === 1) {
          files.push({ hex: bytes.toString('hex'), delimiter: dialect.delimiter, quote: dialect.quote });
          wanted.push(want);
        }
      }
      if (files.length === 0 || !haveTool('python')) return;
      expect(python<string[][][]>(PY_READ, files)).toEqual(wanted);
    });
  }

  it('one column: a blank field is quoted in every row of every batch', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ a: i % 3 === 0 ? '' : i % 3 === 1 ? ' \t' : `v${i}` }));
    const text = (await readAll(toCsv(rows, { bom: false }))).toString('utf8');
    expect(readBack(text, { delimiter: ',', quote: '"' })).toEqual([['a'], ...rows.map((r) => [r.a])]);
  });

  it('rows without columns are empty lines, as before', async () => {
    expect((await readAll(toCsv([{}, {}, {}]))).toString('utf8')).toBe('\uFEFF\r\n\r\n\r\n');
  });

  it('chunks of about 64 KiB end at row boundaries, over many batches', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, text: `${'x'.repeat(i % 97)},"${i}"\n` }));
    const chunks: Buffer[] = [];
    for await (const chunk of toCsv(rows, { bom: false })) chunks.push(chunk as Buffer);
    expect(chunks.length).toBeGreaterThan(3);
    const parsed = readBack(Buffer.concat(chunks).toString('utf8'), { delimiter: ',', quote: '"' });
    expect(parsed).toEqual([['id', 'text'], ...rows.map((r) => [String(r.id), r.text])]);
    let rowsBefore = 0;
    for (const chunk of chunks.slice(0, -1)) {
      const text = chunk.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      rowsBefore += readBack(text, { delimiter: ',', quote: '"' }).length;
      expect(text.length).toBeGreaterThanOrEqual(64 * 1024);
    }
    expect(rowsBefore).toBeGreaterThan(0);
  });

  it('a lone surrogate deep in a batch names its row and column (UTF-8)', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ a: i, b: i === 700 ? 'ok\uD800' : 'ok' }));
    const error = await readAll(toCsv(rows)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RowportErrorCode.UnmappableCharacter, row: 700, column: 'b' });
  });

  it('a real U+FFFD is written as it is; a lone surrogate after it in the same batch still fails', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ a: i, b: i === 10 ? 'x\uFFFDy' : 'ok' }));
    const text = (await readAll(toCsv(rows, { bom: false }))).toString('utf8');
    expect(readBack(text, { delimiter: ',', quote: '"' })[11]).toEqual(['10', 'x\uFFFDy']);
    rows[20] = { a: 20, b: '\uDC00' };
    const error = await readAll(toCsv(rows)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RowportErrorCode.UnmappableCharacter, row: 20, column: 'b' });
    const replaced = (await readAll(toCsv(rows, { unmappable: 'replace', bom: false }))).toString('utf8');
    expect(readBack(replaced, { delimiter: ',', quote: '"' })[21]).toEqual(['20', '\uFFFD']);
  });

  it('whole numbers at the edges of the digit tables, -0 and NaN keep their text', async () => {
    const numbers = [0, -0, 1, 1023, 1024, 9999, 10_000, 10_001, 100_000, 12_345_678, 99_999_999, 1e8, 1e8 + 1, 5e-324, 1e21, Number.NaN, -1, 0.5, 9999.5];
    const text = (
      await readAll(
        toCsv(
          numbers.map((n) => ({ n })),
          { bom: false, header: false },
        ),
      )
    ).toString('utf8');
    const want = '0,0,1,1023,1024,9999,10000,10001,100000,12345678,99999999,100000000,100000001,5e-324,1e+21,NaN,-1,0.5,9999.5';
    expect(text).toBe(`${want.split(',').join('\r\n')}\r\n`);
    const comma = (
      await readAll(
        toCsv(
          numbers.map((n) => ({ n })),
          { bom: false, header: false, dialect: 'excel-eu' },
        ),
      )
    ).toString('utf8');
    expect(comma).toBe(`${want.replace(/\./g, '#').split(',').join('\r\n').replace(/#/g, ',')}\r\n`);
  });

  it('an unmappable character deep in a batch names its row and column (windows-1251)', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ a: i, b: i === 641 ? 'я日' : 'я' }));
    const error = await readAll(toCsv(rows, { encoding: 'windows-1251' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RowportErrorCode.UnmappableCharacter, row: 641, column: 'b' });
    const replaced = await readAll(toCsv(rows, { encoding: 'windows-1251', unmappable: 'replace' }));
    const lines = iconv.decode(replaced, 'windows-1251').split('\r\n');
    expect(lines[642]).toBe('641,я?');
    expect(lines[643]).toBe('642,я');
  });
});
