// A hand-written iterator whose next() gave no iterator result (undefined at the end, a forgotten
// `return { done: true }`), or whose result's `done` getter threw, failed the export as
// ROWPORT_WRITE_FAILED ("writing the output failed") with no row; an async one resolving to a
// number wrote it as a row of undefined. Each is now ROWPORT_SOURCE_FAILED naming the row, with the
// TypeError (or the getter's error) as `cause`, as `for…of` would throw it.
import { describe, expect, it } from 'vitest';
import * as web from '../../src/web/index.js';
import { formatDates, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const boom = new Error('done getter failed');
/** Rows 0 and 1, then `last` (what next() returns for row 2). */
function source(last: () => unknown, async: boolean): Iterable<object> | AsyncIterable<object> {
  const iterator = () => {
    let i = 0;
    const next = () => (i < 2 ? { value: { id: i++ }, done: false } : last());
    return { next: async ? async () => next() : next };
  };
  return (async ? { [Symbol.asyncIterator]: iterator } : { [Symbol.iterator]: iterator }) as Iterable<object>; // what next() gives is the point
}
const kinds: [string, () => unknown, unknown][] = [
  ['undefined', () => undefined, expect.any(TypeError)],
  ['a number', () => 42, expect.any(TypeError)],
  [
    'a result whose done getter throws',
    () => ({
      get done(): boolean {
        throw boom;
      },
    }),
    boom,
  ],
];

describe.each(kinds)('next() that gives %s', (_name, last, cause) => {
  const failed = expect.objectContaining({ code: 'ROWPORT_SOURCE_FAILED', row: 2, cause });
  it.each([false, true])('is ROWPORT_SOURCE_FAILED at its row in every writer (async: %s)', async (async) => {
    await expect(readAll(toCsv(source(last, async)))).rejects.toEqual(failed);
    await expect(readAll(toXlsx(source(last, async)))).rejects.toEqual(failed);
    await expect(readAll(toWorkbook([{ name: 'A', rows: source(last, async) }]))).rejects.toEqual(failed);
    await expect(readAll(toCsv(formatDates(source(last, async), 'iso')))).rejects.toEqual(failed);
    await expect(new Response(web.toCsv(source(last, async))).arrayBuffer()).rejects.toEqual(failed);
  });
});
