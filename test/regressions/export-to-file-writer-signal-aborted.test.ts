// exportToFile of a writer whose own `signal` was aborted already (a request that went away before
// the export started) refused the stream as ROWPORT_INVALID_OPTION "a destroyed stream", and the
// stream's ROWPORT_ABORTED error then had no listener: an uncaught exception, which crashes Node by
// default. exportToFile now rejects with that ROWPORT_ABORTED, creates no file, and nothing is uncaught.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportToFile, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';
import { failOnUncaught } from '../helpers/uncaught.js';

failOnUncaught(); // the stream's error event comes a tick later

const reason = new Error('client went away');
const rows = [{ id: 1 }];

it.each([
  ['toCsv', (signal: AbortSignal) => toCsv(rows, { signal })],
  ['toCsv with gzip', (signal: AbortSignal) => toCsv(rows, { signal, gzip: true })],
  ['toXlsx', (signal: AbortSignal) => toXlsx(rows, { signal })],
  ['toWorkbook', (signal: AbortSignal) => toWorkbook([{ name: 'A', rows }], { signal })],
])('%s: rejects with ROWPORT_ABORTED and writes no file', async (_, make) => {
  const { dir, cleanup } = tempDir('rowport-aborted-writer-');
  await expect(exportToFile(make(AbortSignal.abort(reason)), join(dir, 'out.csv'))).rejects.toEqual(
    expect.objectContaining({ code: 'ROWPORT_ABORTED', cause: reason }),
  );
  expect(readdirSync(dir)).toEqual([]);
  cleanup();
});
