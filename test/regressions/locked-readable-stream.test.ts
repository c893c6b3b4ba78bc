// A WHATWG ReadableStream that a reader or a pipe had locked threw Node's raw ERR_INVALID_STATE at the
// call, with no rowport code (#18).
import { describe, expect, it } from 'vitest';
import { formatDates, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

const stream = () =>
  new ReadableStream<object>({
    start(c) {
      c.enqueue({ a: 1 });
      c.close();
    },
  });
const locked = expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringContaining('locked') });

describe('a locked ReadableStream', () => {
  it('is ROWPORT_INVALID_SOURCE at the call of every writer and helper', () => {
    const rows = stream();
    const reader = rows.getReader();
    expect(() => toCsv(rows)).toThrow(locked);
    expect(() => toXlsx(rows)).toThrow(locked);
    expect(() => toWorkbook([{ name: 'a', rows }])).toThrow(locked);
    expect(() => selectColumns(rows, ['a'])).toThrow(locked);
    expect(() => formatDates(rows, 'iso')).toThrow(locked);
    reader.releaseLock();
    expect(() => toCsv(lockedByPipe())).toThrow(locked);
  });

  it('an unlocked one is still read', async () => {
    expect(await readText(toCsv(stream(), { bom: false }))).toBe('a\r\n1\r\n');
  });
});

function lockedByPipe(): ReadableStream<object> {
  const rows = stream();
  void rows.pipeTo(new WritableStream());
  return rows;
}
