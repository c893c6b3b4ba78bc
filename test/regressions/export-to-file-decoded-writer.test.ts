// exportToFile of a writer's stream on which setEncoding('utf8') had been called wrote the text the
// stream had decoded, not its bytes: an XLSX came out larger and unopenable (its zip bytes turned to
// U+FFFD), a windows-1252 CSV lost every é. The bytes were gone before exportToFile saw them, yet it
// wrote the file and resolved. Now such a stream is ROWPORT_INVALID_OPTION before the path is
// touched; a byte-preserving encoding (hex, base64, latin1) is still written as its bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { exportToFile, toCsv, toXlsx } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir('rowport-decoded-');
afterAll(() => tmp.cleanup());
const rows = [{ name: 'Zoé', score: 91.5 }];

it.each([
  ['toXlsx', 'utf8', () => toXlsx(rows)],
  ['toCsv in windows-1252', 'utf8', () => toCsv(rows, { encoding: 'windows-1252' })],
  ['toCsv with gzip', 'utf16le', () => toCsv(rows, { gzip: true })],
  ['toCsv', 'ascii', () => toCsv(rows)],
] as const)('%s with setEncoding(%s) is refused, and an older file stays', async (_, encoding, make) => {
  const path = tmp.path(`out-${encoding}-${_.length}`);
  writeFileSync(path, 'older');
  const stream = make().setEncoding(encoding);
  await expect(exportToFile(stream, path)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringMatching(/setEncoding/) });
  expect(readFileSync(path, 'utf8')).toBe('older');
});

it('an XLSX stream in a byte-preserving encoding is written as its bytes, and opens', async () => {
  const path = tmp.path('hex.xlsx');
  const stream: Readable = toXlsx(rows).setEncoding('hex');
  await exportToFile(stream, path);
  expect(existsSync(path)).toBe(true);
  const read = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import sys, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).active; print([c.value for c in ws[2]])', path],
    { encoding: 'utf8' },
  );
  expect(read.trim()).toBe("['Zoé', 91.5]");
});
