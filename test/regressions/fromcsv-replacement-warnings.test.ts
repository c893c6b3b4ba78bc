// fromCsv's default invalid: 'replace' turned a Latin-1 file read as UTF-8 into U+FFFD with no signal;
// each replacement now reaches onWarning as ROWPORT_INVALID_BYTES with its line, and the CLI prints it (#18).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type RowportWarning, fromCsv } from '../../src/index.js';
import { runInProcess } from '../helpers/cli.js';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

const read = async (input: Buffer | Readable, options: Parameters<typeof fromCsv>[1] = {}) => {
  const warnings: RowportWarning[] = [];
  const rows = await collect(fromCsv(input, { ...options, onWarning: (w) => warnings.push(w) }));
  return { rows, warnings };
};

describe('fromCsv replacement warnings', () => {
  it('reports Latin-1 read as UTF-8, with the line', async () => {
    const { rows, warnings } = await read(Buffer.from('name\nAda\nJos\xe9\n', 'latin1'));
    expect(rows).toEqual([{ name: 'Ada' }, { name: 'Jos\uFFFD' }]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_INVALID_BYTES', line: 3 })]);
  });

  it('says nothing for a real U+FFFD in valid UTF-8 or UTF-16', async () => {
    expect((await read(Buffer.from('a\n\uFFFD\n'))).warnings).toEqual([]);
    expect((await read(Buffer.from('\uFEFFa\n\uFFFD\n', 'utf16le'))).warnings).toEqual([]);
  });

  it('finds a replacement after a real U+FFFD, in UTF-16 too', async () => {
    const utf8 = Buffer.concat([Buffer.from('a\n\uFFFD\nx'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect((await read(utf8)).warnings).toMatchObject([{ line: 3 }]);
    const utf16 = Buffer.concat([Buffer.from('\uFEFFa\n\uFFFD\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('x\n', 'utf16le')]);
    expect((await read(utf16)).warnings).toMatchObject([{ code: 'ROWPORT_INVALID_BYTES', line: 3 }]);
  });

  it('reports a byte a legacy code page does not define, and a truncated character at the end', async () => {
    expect((await read(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x98, 0x0a]), { encoding: 'windows-1251' })).warnings).toMatchObject([{ line: 3 }]);
    expect((await read(Buffer.concat([Buffer.from('a\n1\n2'), Buffer.from([0xe4, 0xb8])]))).warnings).toMatchObject([{ line: 3 }]);
  });

  it('reports once per chunk, across chunks', async () => {
    const bad = Buffer.from('x\xe9\n', 'latin1');
    const { warnings } = await read(Readable.from([Buffer.from('a\n'), bad, Buffer.from('ok\n'), bad]));
    expect(warnings.map((w) => w.line)).toEqual([2, 4]);
  });

  it('stops the read with ROWPORT_CALLBACK_FAILED when onWarning throws', async () => {
    const rows = fromCsv(Buffer.from('a\n\xe9\n', 'latin1'), {
      onWarning: () => {
        throw new Error('no');
      },
    });
    await expect(collect(rows)).rejects.toMatchObject({ code: 'ROWPORT_CALLBACK_FAILED' });
  });

  it('refuses an onWarning that is not a function', () => {
    expect(() => fromCsv(Buffer.from(''), { onWarning: 5 as never })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('the CLI prints it to stderr, with the line, and goes on', async () => {
    const { code, stderr: said } = await runInProcess(['--from', 'csv'], { input: Buffer.from('name\nJos\xe9\n', 'latin1') });
    expect(code).toBe(0);
    expect(said).toMatch(/warning: .*ROWPORT_INVALID_BYTES, line 2\)/);
  });

  it('the CLI warns for invalid bytes in JSON input too', async () => {
    const { code, stderr: said } = await runInProcess([], { input: Buffer.from('[\n{"name":"Jos\xe9"}\n]\n', 'latin1') });
    expect(code).toBe(0);
    expect(said).toMatch(/ROWPORT_INVALID_BYTES, line 2\)/);
  });
});
