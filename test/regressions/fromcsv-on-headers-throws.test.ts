// fromCsv passed on what an `onHeaders` callback threw as it was, with no code, while what
// `onProgress` and `onWarning` throw is ROWPORT_CALLBACK_FAILED. It is now ROWPORT_CALLBACK_FAILED
// too, with the callback's error as `cause` (#12).
import { expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const boom = new Error('boom');

it.each([
  ['from the header line', {}],
  ['from given headers', { headers: ['a', 'b'] }],
])('what onHeaders throws is ROWPORT_CALLBACK_FAILED (%s)', async (_, options) => {
  const rows = fromCsv(Buffer.from('a,b\n1,2\n'), {
    ...options,
    onHeaders: () => {
      throw boom;
    },
  });
  const read = async (): Promise<void> => {
    for await (const row of rows) void row;
  };
  await expect(read()).rejects.toMatchObject({ code: 'ROWPORT_CALLBACK_FAILED', cause: boom, message: expect.stringContaining('onHeaders') });
});
