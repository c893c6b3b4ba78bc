// fromCsv on a Readable with an encoding set (`createReadStream(path, 'latin1')`, `setEncoding`)
// re-encoded its string chunks as UTF-8 before decoding them with `encoding`: latin1 `café` came back
// `cafÃ©`, and a UTF-16LE file gave no rows at all. The chunks now go back to the stream's own bytes.
import { createReadStream, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool, python } from '../helpers/tools.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

const dir = tempDir();
afterAll(() => dir.cleanup());

/** The rows of a CSV file as python's csv module reads it in `encoding`. */
const pythonRows = (path: string, encoding: string): Record<string, string>[] =>
  python(`import csv, json, sys\nprint(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='', encoding=sys.argv[2])))))`, null, [path, encoding]);

describe.skipIf(!haveTool('python'))('fromCsv over a stream that decodes to strings', () => {
  const latin1 = dir.path('latin1.csv');
  writeFileSync(latin1, Buffer.from('name,city\r\ncafé,Zürich\r\n', 'latin1'));
  const utf16 = dir.path('utf16.csv');
  writeFileSync(utf16, Buffer.from('name,city\r\ncafé,Zürich\r\nя,東京\r\n', 'utf16le'));
  const utf8 = dir.path('utf8.csv');
  writeFileSync(utf8, 'name,city\r\ncafé,Zürich\r\n');

  it.each([
    ['latin1', latin1, 'latin1', 'latin1', 'latin1'],
    ['windows-1252 from latin1 strings', latin1, 'latin1', 'windows-1252', 'cp1252'],
    ['utf-16le', utf16, 'utf16le', 'utf-16le', 'utf-16-le'],
    ['utf-8 read as latin1 strings', utf8, 'latin1', 'utf-8', 'utf-8'],
    ['hex strings', latin1, 'hex', 'latin1', 'latin1'],
  ] as const)('%s', async (_name, path, streamEncoding, encoding, pythonEncoding) => {
    const rows = await collect(fromCsv(createReadStream(path, { encoding: streamEncoding, highWaterMark: 5 }), { encoding }));
    expect(rows).toEqual(pythonRows(path, pythonEncoding));
    expect(rows.length).toBeGreaterThan(0);
  });
});
