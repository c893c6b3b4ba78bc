// A consumer's destroy(error), a throwing getter, a Proxy whose ownKeys throws and a throwing
// onProgress/onWarning all came back as ROWPORT_WRITE_FAILED ("writing the output file failed").
// Each now has its own code (#10).
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const writers = {
  toCsv: (rows: unknown[], options: object = {}) => toCsv(rows as object[], options),
  toXlsx: (rows: unknown[], options: object = {}) => toXlsx(rows as object[], options),
};

describe.each(Object.entries(writers))('%s', (_name, write) => {
  it("keeps the consumer's own error when it destroys the stream", async () => {
    const stream = write([{ a: 1 }]);
    const mine = new Error('client went away');
    stream.destroy(mine);
    const [error] = await once(stream, 'error').catch((e: unknown) => [e]);
    expect(error).toBe(mine);
  });

  it('a throwing getter is ROWPORT_INVALID_VALUE with row and column', async () => {
    const bad = {
      a: 2,
      get b(): number {
        throw new Error('getter boom');
      },
    };
    await expect(readAll(write([{ a: 1, b: 1 }, bad], { columns: ['a', 'b'] }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_VALUE',
      row: 1,
      column: 'b',
      cause: expect.objectContaining({ message: 'getter boom' }),
    });
  });

  it('a Proxy whose ownKeys throws is ROWPORT_INVALID_VALUE for row 0', async () => {
    const proxy = new Proxy(
      { a: 1 },
      {
        ownKeys: () => {
          throw new Error('ownKeys boom');
        },
      },
    );
    await expect(readAll(write([proxy]))).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 0 });
  });

  it('a throwing onProgress is ROWPORT_CALLBACK_FAILED with the cause', async () => {
    const boom = new Error('progress boom');
    await expect(
      readAll(
        write([{ a: 1 }], {
          onProgress: () => {
            throw boom;
          },
        }),
      ),
    ).rejects.toMatchObject({
      code: 'ROWPORT_CALLBACK_FAILED',
      cause: boom,
    });
  });
});

it('a throwing onWarning is ROWPORT_CALLBACK_FAILED with the cause', async () => {
  const boom = new Error('warning boom');
  const sheets = [{ name: 'a/b', rows: [{ a: 1 }] }]; // the name is repaired: a warning
  await expect(
    readAll(
      toWorkbook(sheets, {
        onWarning: () => {
          throw boom;
        },
      }),
    ),
  ).rejects.toMatchObject({
    code: 'ROWPORT_CALLBACK_FAILED',
    cause: boom,
  });
});
