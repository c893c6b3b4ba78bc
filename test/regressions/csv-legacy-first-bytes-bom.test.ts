// In a legacy encoding, a first field whose bytes are a UTF-8 or UTF-16 BOM (`яю` in windows-1251
// is FF FE, `ÿþ` in windows-1252, `þÿ` in latin1, `锘縳` in GBK starts EF BB BF) was written bare at
// the start of the file, which fromCsv (and Excel) then read as UTF-16 or UTF-8: rows lost, no
// error. That field is now quoted, as a first `ID` field is.
import { describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const cases: [string, string][] = [
  ['windows-1251', 'яю'],
  ['windows-1252', 'ÿþx'],
  ['latin1', 'þÿx'],
  ['gbk', '锘縳'],
];

describe.each(cases)('%s, first field %s', (encoding, first) => {
  it('round-trips, header and data, with the first byte a quote', async () => {
    const rows = [
      { [first]: 'Жа', n: '1' },
      { [first]: 'Ada', n: '2' },
    ].map((r) => (encoding === 'windows-1251' || encoding === 'gbk' ? r : { [first]: 'a', n: r.n }));
    const bytes = await readAll(toCsv(rows, { encoding }));
    expect(bytes[0]).toBe(0x22);
    const back: Record<string, string>[] = [];
    for await (const row of fromCsv(bytes, { encoding })) back.push(row);
    expect(back).toEqual(rows);
  });

  it('quotes the first row of headerless array rows', async () => {
    const bytes = await readAll(toCsv([[first, 'x']], { encoding, header: false }));
    expect(bytes[0]).toBe(0x22);
  });
});

it('a UTF-8 first field is not quoted for this', async () => {
  const bytes = await readAll(toCsv([{ яю: 1 }], { bom: false }));
  expect(bytes.toString('utf8')).toBe('яю\r\n1\r\n');
});
