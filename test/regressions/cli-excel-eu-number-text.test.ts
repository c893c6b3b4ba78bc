// `--dialect excel-eu` wrote a JSON number a double cannot hold (kept as its source text,
// `12345678901234567.89`) with a `.` while the column's other numbers got `,`: number text now
// follows the decimal separator, digits unchanged, and `-1,5e400` gets no formula escape.
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { cliOutput } from '../helpers/cli.js';
import { haveTool, python } from '../helpers/tools.js';

const ROWS = [
  '{"id":1,"amount":12345678901234567.89,"huge":-1.5e400,"big":9223372036854775807,"text":"1.5","nested":{"x":2.5e400}}',
  '{"id":2,"amount":74.92,"huge":2.5,"big":1,"text":"-1.5e400","nested":null}',
];

/** The fields of a `;` CSV, read by python's csv module. */
const fields = (csv: string): string[][] =>
  python<string[][]>('import csv, json, sys, io\nprint(json.dumps(list(csv.reader(io.StringIO(json.load(sys.stdin)), delimiter=";"))))', csv);

const EXPECTED = [
  ['id', 'amount', 'huge', 'big', 'text', 'nested'],
  ['1', '12345678901234567,89', '-1,5e400', '9223372036854775807', '1.5', '{"x":"2.5e400"}'],
  ['2', '74,92', '2,5', '1', '-1.5e400', ''],
];

describe.skipIf(!haveTool('python'))('number text and the decimal comma', () => {
  it.each([
    ['json', `[${ROWS.join(',\n')}]`],
    ['ndjson', ROWS.join('\n')],
  ])('rowport --dialect excel-eu writes %s numbers kept as text with a comma', async (from, input) => {
    const csv = (await cliOutput(['--from', from, '--dialect', 'excel-eu', '--no-bom'], input)).toString('utf8');
    expect(fields(csv)).toEqual(EXPECTED);
  });

  it('does so in typed columns and with --decimal-separator', async () => {
    const args = ['--from', 'ndjson', '--decimal-separator', ',', '--delimiter', ';', '--no-bom', '--types', 'amount:decimal,huge:decimal'];
    const csv = (await cliOutput(args, ROWS.join('\n'))).toString('utf8');
    expect(fields(csv)).toEqual(EXPECTED);
  });

  it('keeps the dot without a decimal comma', async () => {
    const csv = (await cliOutput(['--from', 'ndjson', '--delimiter', ';', '--no-bom'], ROWS.join('\n'))).toString('utf8');
    expect(fields(csv)[1]).toEqual(['1', '12345678901234567.89', '-1.5e400', '9223372036854775807', '1.5', '{"x":"2.5e400"}']);
  });

  it('a later duplicate key wins over a number kept as text', async () => {
    const csv = (await cliOutput(['--from', 'ndjson', '--dialect', 'excel-eu', '--no-bom'], '{"a":1.5e400,"a":"1.5e400","b":2.5e400}')).toString('utf8');
    expect(fields(csv)).toEqual([
      ['a', 'b'],
      ['1.5e400', '2,5e400'],
    ]);
  });

  it("toCsv takes a number with the decimal comma for a plain number, not a formula, with decimalSeparator ','", async () => {
    const rows = [{ a: '-12,5', b: '-1,5e400', c: '-12,5x', d: '-12.5' }];
    const columns = [{ key: 'a', header: '-1,5' }, 'b', 'c', 'd'];
    const eu = (await buffer(toCsv(rows, { dialect: 'excel-eu', bom: false, columns }))).toString('utf8');
    expect(fields(eu)).toEqual([
      ['-1,5', 'b', 'c', 'd'],
      ['-12,5', '-1,5e400', "'-12,5x", '-12.5'],
    ]);
    const plain = (await buffer(toCsv(rows, { delimiter: ';', bom: false, columns }))).toString('utf8');
    expect(fields(plain)[1]).toEqual(["'-12,5", "'-1,5e400", "'-12,5x", '-12.5']);
  });
});
