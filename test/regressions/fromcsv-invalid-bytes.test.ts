// Issue 10, "Reading CSV": bytes invalid in the declared encoding silently became U+FFFD, with no way
// to refuse them. `invalid: 'error'` fails with ROWPORT_INVALID_CSV naming the line of the bytes.
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe("fromCsv with invalid: 'error'", () => {
  it('names the line of invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('name\nAda\n'), Buffer.from([0x47, 0xff, 0x72]), Buffer.from('\n')]);
    await expect(collect(fromCsv(bytes, { invalid: 'error' }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 3 });
  });

  it('names the line of a byte windows-1251 does not define', async () => {
    await expect(collect(fromCsv(Buffer.from([0x61, 0x0a, 0x98, 0x0a]), { encoding: 'windows-1251', invalid: 'error' }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_CSV',
      row: 2,
    });
  });

  it("keeps the default 'replace', which reads invalid bytes as U+FFFD", async () => {
    expect(await collect(fromCsv(Buffer.from([0x61, 0x0a, 0xff, 0x0a])))).toEqual([{ a: '\uFFFD' }]);
  });
});
