// Issue 10, "Errors that name the right thing": fromCsv('.') gave ROWPORT_INVALID_CSV "Line 1:
// invalid CSV: EISDIR…", and a Readable that errors gave "Line 1: invalid CSV: io boom". A read
// failure is not a CSV syntax error: it is ROWPORT_SOURCE_FAILED with the cause.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('fromCsv read failures', () => {
  it('a directory is ROWPORT_SOURCE_FAILED with the EISDIR error as its cause', async () => {
    const error = await collect(fromCsv('.')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: undefined, cause: { code: 'EISDIR' } });
  });

  it('a Readable that errors is ROWPORT_SOURCE_FAILED with that error as its cause', async () => {
    const boom = new Error('io boom');
    const input = new Readable({
      read() {
        this.destroy(boom);
      },
    });
    const error = await collect(fromCsv(input)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: undefined });
    expect((error as Error).cause).toBe(boom);
  });
});
