// A rejected promise returned by a callback (onProgress, onWarning, onHeaders) was never observed:
// the export went on (or ended) and the process got an unhandledRejection, which crashes Node by
// default. It now ends the export (or the read) as ROWPORT_CALLBACK_FAILED with the rejection as `cause` (#22).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { exportToFile, fromCsv, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { failOnUncaught } from '../helpers/uncaught.js';

const boom = new Error('job.updateProgress failed');
failOnUncaught(20, 'unhandledRejection'); // an unhandled rejection is reported after a turn

const rejecting = (): Promise<void> => Promise.reject(boom);
const later = (): Promise<void> => new Promise((_, reject) => setTimeout(() => reject(boom), 5));
const rows = (n: number): { id: number; name: string }[] => Array.from({ length: n }, (_, id) => ({ id, name: `n${id}` }));
const longText = [{ id: 1, text: 'x'.repeat(40_000) }];

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const failed = { code: 'ROWPORT_CALLBACK_FAILED', cause: boom };

it.each([
  ['toCsv onProgress (at once)', () => toCsv(rows(3), { onProgress: rejecting })],
  ['toCsv onProgress (later)', () => toCsv(rows(3), { onProgress: later })],
  ['toCsv onProgress, gzip', () => toCsv(rows(3), { onProgress: later, gzip: true })],
  ['toXlsx onProgress', () => toXlsx(rows(3), { onProgress: later })],
  ['toXlsx onWarning', () => toXlsx(longText, { onWarning: later })],
  ['toWorkbook onProgress', () => toWorkbook([{ name: 'A', rows: rows(3) }], { onProgress: rejecting })],
  ['toWorkbook onWarning', () => toWorkbook([{ name: 'A', rows: longText }], { onWarning: later })],
])('%s: a rejected promise ends the export as ROWPORT_CALLBACK_FAILED', async (_, make) => {
  await expect(drain(make())).rejects.toMatchObject(failed);
});

it('exportToFile: a rejected onProgress promise fails the export and leaves no file', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rowport-cb-'));
  await expect(exportToFile(toCsv(rows(3), { onProgress: later }), join(folder, 'out.csv'))).rejects.toMatchObject(failed);
  await expect(exportToFile(toXlsx(rows(3), { onProgress: later }), join(folder, 'out.xlsx'))).rejects.toMatchObject(failed);
  expect(readdirSync(folder)).toEqual([]);
});

it.each([
  ['onHeaders', { onHeaders: later }],
  ['onWarning', { onWarning: later, encoding: 'utf-8' }],
])('fromCsv %s: a rejected promise ends the read as ROWPORT_CALLBACK_FAILED', async (_, options) => {
  const input = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xff]), Buffer.from('\n3,4\n')]);
  const read = async (): Promise<number> => {
    let n = 0;
    for await (const row of fromCsv(input, options)) n += Object.keys(row).length;
    return n;
  };
  await expect(read()).rejects.toMatchObject(failed);
});

it('a fulfilled promise is waited for at the end, and the export succeeds', async () => {
  let settled = 0;
  const slow = (): Promise<void> => new Promise((resolve) => setTimeout(() => resolve(void settled++), 5));
  const bytes = await drain(toCsv(rows(3), { onProgress: slow }));
  expect(bytes).toBeGreaterThan(0);
  expect(settled).toBe(1); // the one final call, settled before the stream ended
});
