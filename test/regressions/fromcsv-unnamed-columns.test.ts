// fromCsv accepts a header with several empty names (a spreadsheet's empty columns past the data),
// but those columns all became the one key '': a value in one of them was silently replaced by the
// next ('a,,' then '1,x,y' read { a: '1', '': 'y' }; '1,x,' lost the x to ''), through the CLI too.
// Such columns may still come, empty; a value in one is now ROWPORT_INVALID_CSV naming its line and
// column, as a header naming a key twice is (#12).
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

async function read(text: string, options: Parameters<typeof fromCsv>[1] = {}): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for await (const row of fromCsv(Buffer.from(text), options)) rows.push(row);
  return rows;
}

describe('fromCsv: several unnamed columns', () => {
  it('reads them while they are empty', async () => {
    expect(await read('a,,\n1,,\n2\n')).toEqual([
      { a: '1', '': '' },
      { a: '2', '': '' },
    ]);
  });

  it.each(['a,,\n1,,\n2,x,y\n', 'a,,\n1,,\n2,x,\n'])('fails on a value in one of them: %j', async (text) => {
    await expect(read(text)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 3, message: expect.stringContaining('column 2 holds a value') });
  });

  it('fails on given headers with two empty names too', async () => {
    await expect(read('1,x,\n', { headers: ['a', '', ''] })).rejects.toMatchObject({ code: 'ROWPORT_INVALID_CSV', row: 1 });
  });

  it('keeps a single unnamed column as the key ""', async () => {
    expect(await read('a,,b\n1,x,2\n')).toEqual([{ a: '1', '': 'x', b: '2' }]);
  });
});
