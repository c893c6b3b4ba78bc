// A bad `rows` in one sheet of toWorkbook said `Invalid rows: expected an array, …` without saying
// which of the sheets it was (#18).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toWorkbook } from '../../src/index.js';

const good = { name: 'Classes', rows: [{ a: 1 }] };

describe('a bad rows in one sheet of a workbook', () => {
  it.each([
    ['not iterable', 42],
    ['bytes', Buffer.from('a,b')],
    ['a byte Readable', Readable.from([Buffer.from('a')], { objectMode: false })],
  ])('names the sheet by position and name (%s)', (_what, rows) => {
    expect(() => toWorkbook([good, { name: 'Scores', rows: rows as never }])).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringMatching(/^Invalid sheets\[1\]\.rows \("Scores"\): /) }),
    );
  });

  it('names it for a source taken by another call too', () => {
    function* gen() {
      yield { a: 1 };
    }
    const rows = gen();
    expect(() =>
      toWorkbook([
        { name: 'A', rows },
        { name: 'B', rows },
      ]),
    ).toThrow(expect.objectContaining({ message: expect.stringMatching(/^Invalid sheets\[1\]\.rows \("B"\): /) }));
  });

  it('names it when the iterator getter of a sheet throws or returns no iterator', () => {
    const cause = new Error('cursor would not open');
    const throws = {
      [Symbol.iterator]: (): Iterator<object> => {
        throw cause;
      },
    };
    expect(() => toWorkbook([good, { name: 'Scores', rows: throws }])).toThrow(
      expect.objectContaining({
        code: 'ROWPORT_SOURCE_FAILED',
        cause,
        message: 'The source of sheets[1].rows ("Scores") failed when it was opened: cursor would not open',
      }),
    );
    expect(() => toWorkbook([good, { name: 'Scores', rows: { [Symbol.iterator]: () => 1 } as never }])).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE', message: expect.stringMatching(/^Invalid sheets\[1\]\.rows \("Scores"\): /) }),
    );
  });
});
