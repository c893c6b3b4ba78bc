// The CLI told the input's format (and gzip, and a workbook) from the first chunk of stdin alone: when
// that chunk held only whitespace or part of a BOM (a producer that writes a line end first), a JSON
// array or NDJSON was read as CSV and written out as one column of JSON text, with exit 0.
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { readCsv } from '../helpers/cli.js';

/** Runs the CLI with stdin delivering `pieces` as separate chunks. */
async function runPieces(args: string[], pieces: (string | Buffer)[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = Readable.from(pieces.map((piece) => Buffer.from(piece)));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  let err = '';
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdin, stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: err };
}

const ROWS = [
  ['a', 'b'],
  ['1', 'x'],
  ['2', 'y'],
];

describe('rowport: the input format when the first chunk of stdin says nothing yet', () => {
  it.each([
    ['a line end, then a JSON array', ['\n', '[{"a":1,"b":"x"},{"a":2,"b":"y"}]\n']],
    ['spaces, then NDJSON', ['  ', '  {"a":1,"b":"x"}\n{"a":2,"b":"y"}\n']],
    ['a BOM split across chunks, then NDJSON', [Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n']],
    ['a JSON array one byte at a time', [...'\r\n[{"a":1,"b":"x"},{"a":2,"b":"y"}]']],
  ])('reads %s', async (_name, pieces) => {
    const { code, stdout, stderr } = await runPieces(['-q'], pieces);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readCsv(stdout)).toEqual(ROWS);
  });

  it('reads UTF-16LE JSON whose first chunk ends inside a character', async () => {
    const bytes = Buffer.from('\n\n\n\n[{"a":1,"b":"x"},{"a":2,"b":"y"}]', 'utf16le');
    const { code, stdout } = await runPieces(['-q', '--in-encoding', 'utf-16le'], [bytes.subarray(0, 9), bytes.subarray(9)]);
    expect(code).toBe(0);
    expect(readCsv(stdout)).toEqual(ROWS);
  });

  it('inflates gzip whose magic bytes come in two chunks', async () => {
    const gz = gzipSync('a,b\n1,x\n2,y\n');
    const { code, stdout } = await runPieces(['-q'], [gz.subarray(0, 1), gz.subarray(1, 3), gz.subarray(3)]);
    expect(code).toBe(0);
    expect(readCsv(stdout)).toEqual(ROWS);
  });

  it('refuses an XLSX workbook whose first bytes come in two chunks', async () => {
    const { code, stderr } = await runPieces(['-q'], [Buffer.from([0x50, 0x4b]), Buffer.from([0x03, 0x04, 0x14, 0, 0, 0, 8, 0])]);
    expect(code).toBe(2);
    expect(stderr).toContain('zip archive');
  });

  it('still reads a CSV whose whole input is shorter than the bytes a workbook is told by', async () => {
    const { code, stdout } = await runPieces(['-q'], ['a\n', '1']);
    expect(code).toBe(0);
    expect(readCsv(stdout)).toEqual([['a'], ['1']]);
  });
});
