// fromCsv refused a record with more fields than the header only once the record had ended, and
// bounded no header line: a hostile upload with no line end (a header of nothing but commas, or
// `a\n1` then endless commas) made it hold one field per delimiter until V8 aborted the process
// ("Fatal JavaScript invalid size error", which no catch sees) or ran out of memory, whatever
// maxFieldBytes said. A record is now refused at its first field past the header's count, and the
// header line may hold 16 MiB (or maxFieldBytes, if more); both errors name the line and stop the reading.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

/** `head`, then 64 KiB chunks of `unit` repeated, endlessly; `pulled` counts them. */
function endless(head: string, unit: string): { input: Readable; pulled: () => number } {
  let pulled = 0;
  const chunk = Buffer.from(unit.repeat(Math.ceil(65536 / unit.length)));
  const input = Readable.from(
    (function* () {
      yield Buffer.from(head);
      for (;;) {
        pulled++;
        yield chunk;
      }
    })(),
  );
  return { input, pulled: () => pulled };
}

async function collect(rows: AsyncIterable<Record<string, string>>): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('fromCsv: a record with no end', () => {
  it("refuses a record past the header's fields at once, after the rows before it", async () => {
    const { input, pulled } = endless('a,b\n1,2\n3', ',');
    const rows: Record<string, string>[] = [];
    const error = await (async () => {
      for await (const row of fromCsv(input)) rows.push(row);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 3, message: expect.stringContaining('at most 2 fields') });
    expect(rows).toEqual([{ a: '1', b: '2' }]);
    expect(pulled()).toBeLessThan(4);
    expect(input.destroyed).toBe(true);
  });

  it('refuses it in one Buffer too, and with given headers', async () => {
    const text = `a\n1${','.repeat(4 * 1024 * 1024)}\n`;
    await expect(collect(fromCsv(Buffer.from(text)))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 2 });
    const { input, pulled } = endless('1', ',');
    await expect(collect(fromCsv(input, { headers: ['a', 'b'] }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 1 });
    expect(pulled()).toBeLessThan(4);
  });

  it.each([
    ['empty names', ','],
    ['distinct names', 'ab,cd,'],
  ])('bounds a header line of %s by 16 MiB, or maxFieldBytes if more', async (_, unit) => {
    const { input, pulled } = endless('', unit);
    await expect(collect(fromCsv(input))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_CSV',
      row: 1,
      message: expect.stringContaining('header line is longer than 16777216 bytes'),
    });
    expect(pulled()).toBeLessThan(16 * 17);
    const { input: larger, pulled: pulledLarger } = endless('', unit);
    await expect(collect(fromCsv(larger, { maxFieldBytes: 32 * 1024 * 1024 }))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 1 });
    expect(pulledLarger()).toBeGreaterThan(16 * 31);
    expect(pulledLarger()).toBeLessThan(16 * 33);
  });

  it('still reads a wide header of short names under a small maxFieldBytes, records as wide, and short records', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `c${i}`);
    const text = `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n1,2\n`;
    const rows = await collect(fromCsv(Buffer.from(text), { maxFieldBytes: 6 }));
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toEqual(names);
    expect(rows[0]!.c19999).toBe('19999');
    expect(rows[1]).toMatchObject({ c0: '1', c1: '2', c2: '' });
    expect(await collect(fromCsv(Buffer.from(`${names.join(',')},x\n`), { maxFieldBytes: Infinity }))).toEqual([]);
  });
});
