import { spawn } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from '../helpers/tools.js';
import { CLI, finished, readCsv, readCsvWithPython, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// The rows every input format carries, and what any CSV output must read back as.
const ROWS = [
  { id: 1, name: 'Ada, "the first"', score: 9.5, active: true, note: null },
  { id: 2, name: 'Grace\nHopper', score: -1, active: false, note: 'ü€ 日本' },
  { id: 3, name: '=SUM(A1)', score: 0, active: true, note: '' },
];
const EXPECTED = [
  ['id', 'name', 'score', 'active', 'note'],
  ['1', 'Ada, "the first"', '9.5', 'true', ''],
  ['2', 'Grace\nHopper', '-1', 'false', 'ü€ 日本'],
  ['3', "'=SUM(A1)", '0', 'true', ''],
];
const INPUTS = {
  json: `[\n${ROWS.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`,
  ndjson: `${ROWS.map((r) => JSON.stringify(r)).join('\n')}\n`,
  csv: 'id,name,score,active,note\r\n1,"Ada, ""the first""",9.5,true,\r\n2,"Grace\nHopper",-1,false,ü€ 日本\r\n3,=SUM(A1),0,true,\r\n',
} as const;
type Format = keyof typeof INPUTS;
const FORMATS = Object.keys(INPUTS) as Format[];

const tmp = tempDir();
beforeAll(() => {
  for (const format of FORMATS) writeFileSync(tmp.path(`rows.${format}`), INPUTS[format]);
});
afterAll(() => tmp.cleanup());

describe('rowport', () => {
  describe('every input format to CSV', () => {
    describe.each(FORMATS)('%s', (format) => {
      it('reads a file and writes -o FILE.csv atomically', async () => {
        const out = tmp.path(`from-${format}-file.csv`);
        const result = await run([tmp.path(`rows.${format}`), '-o', out]);
        expect(result.code).toBe(0);
        expect(readCsv(readFileSync(out, 'utf8'))).toEqual(EXPECTED);
        expect(tmp.files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
      });

      it('reads stdin (format sniffed: "[" JSON, "{" NDJSON, else CSV) and writes stdout', async () => {
        const result = await run([], { input: INPUTS[format] });
        expect(result.code).toBe(0);
        expect(result.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(readCsv(result.stdout.toString('utf8'))).toEqual(EXPECTED);
      });

      it('reads stdin with --from and writes .csv.gz, read back by csv-parse and python csv', async () => {
        const out = tmp.path(`from-${format}.csv.gz`);
        const result = await run(['-', '-o', out, '--from', format], { input: INPUTS[format] });
        expect(result.code).toBe(0);
        const plain = tmp.path(`from-${format}-gunzipped.csv`);
        writeFileSync(plain, gunzipSync(readFileSync(out)));
        expect(readCsv(readFileSync(plain, 'utf8'))).toEqual(EXPECTED);
        if (haveTool('python')) expect(readCsvWithPython(plain)).toEqual(EXPECTED);
      });
    });

    it('reads gzip input, recognised by its magic bytes', async () => {
      const { gzipSync } = await import('node:zlib');
      const result = await run([], { input: gzipSync(INPUTS.ndjson) });
      expect(result.code).toBe(0);
      expect(readCsv(result.stdout.toString('utf8'))).toEqual(EXPECTED);
    });

    it('reads an empty JSON input (sqlite3 -json prints nothing for no rows) as zero rows', async () => {
      const result = await run(['--from', 'json'], { input: '' });
      expect(result.code).toBe(0);
      expect(result.stdout.toString('utf8')).toBe('');
    });

    it('keeps integers beyond 2^53 exact', async () => {
      const result = await run([], { input: '[{"id":12345678901234567891}]\n' });
      expect(readCsv(result.stdout.toString('utf8'))).toEqual([['id'], ['12345678901234567891']]);
      const nd = await run(['--from', 'ndjson'], { input: '{"id":12345678901234567891,"n":"x"}\n' });
      expect(nd.stderr).not.toContain('ROWPORT');
      expect(nd.code).toBe(0);
      expect(readCsv(nd.stdout.toString('utf8'))).toEqual([
        ['id', 'n'],
        ['12345678901234567891', 'x'],
      ]);
    });
  });

  describe('CSV input options', () => {
    it('--in-delimiter and --in-encoding read a windows-1251 semicolon file', async () => {
      const file = tmp.path('cp1251.csv');
      writeFileSync(file, iconv.encode('id;имя\r\n1;Мария\r\n', 'windows-1251'));
      const result = await run([file, '--in-delimiter', ';', '--in-encoding', 'windows-1251']);
      expect(result.code).toBe(0);
      expect(readCsv(result.stdout.toString('utf8'))).toEqual([
        ['id', 'имя'],
        ['1', 'Мария'],
      ]);
    });

    it('reads .tsv with a TAB delimiter and writes .tsv with one too', async () => {
      const file = tmp.path('in.tsv');
      writeFileSync(file, 'a\tb\n1\tx,y\n');
      const out = tmp.path('out.tsv');
      expect((await run([file, '-o', out])).code).toBe(0);
      expect(readCsv(readFileSync(out, 'utf8'), '\t')).toEqual([
        ['a', 'b'],
        ['1', 'x,y'],
      ]);
    });
  });

  describe('CSV output flags', () => {
    it('re-encodes to windows-1251 without a BOM, read back by python csv', async () => {
      const file = tmp.path('utf8.csv');
      writeFileSync(file, 'id,name\n1,Мария\n');
      const out = tmp.path('cp1251-out.csv');
      const result = await run([file, '--encoding', 'windows-1251', '-o', out]);
      expect(result.code).toBe(0);
      expect(readFileSync(out)[0]).toBe('i'.charCodeAt(0));
      expect(readCsv(iconv.decode(readFileSync(out), 'windows-1251'))).toEqual([
        ['id', 'name'],
        ['1', 'Мария'],
      ]);
      if (haveTool('python'))
        expect(readCsvWithPython(out, 'cp1251')).toEqual([
          ['id', 'name'],
          ['1', 'Мария'],
        ]);
    });

    it('--columns picks, renames and types columns; --delimiter, --quote-all, --no-header, --no-bom, --no-escape-formulas', async () => {
      const result = await run(
        ['--columns', 'name:Full Name,id:integer', '--delimiter', ';', '--quote-all', '--no-header', '--no-bom', '--no-escape-formulas'],
        { input: INPUTS.ndjson },
      );
      expect(result.code).toBe(0);
      const text = result.stdout.toString('utf8');
      expect(text.startsWith('"Ada')).toBe(true);
      expect(readCsv(text, ';')).toEqual([
        ['Ada, "the first"', '1'],
        ['Grace\nHopper', '2'],
        ['=SUM(A1)', '3'],
      ]);
      const headed = await run(['--columns', 'name:Full Name,id'], { input: INPUTS.ndjson });
      expect(readCsv(headed.stdout.toString('utf8'))[0]).toEqual(['Full Name', 'id']);
    });

    it('--date-format and --time-zone render date columns', async () => {
      const input = '{"at":"2024-01-15T23:30:00Z"}\n';
      const result = await run(['--columns', 'at:datetime', '--date-format', 'full', '--time-zone', 'Asia/Tokyo'], { input });
      expect(result.code).toBe(0);
      expect(readCsv(result.stdout.toString('utf8'))).toEqual([['at'], ['2024-01-16 08:30:00']]);
    });

    it('reads date-time strings without an offset in --time-zone, never in the host zone', async () => {
      const input = '{"t":"2024-01-15 10:30:00","u":"2024-01-15T10:30:00Z"}\n';
      for (const TZ of ['UTC', 'America/New_York']) {
        const utc = await run(['--columns', 't:datetime', '--date-format', 'full'], { input, env: { TZ } });
        expect(readCsv(utc.stdout.toString('utf8')), TZ).toEqual([['t'], ['2024-01-15 10:30:00']]);
        const tokyo = await run(['--columns', 't:datetime,u:datetime', '--date-format', 'full', '--time-zone', 'Asia/Tokyo'], { input, env: { TZ } });
        expect(readCsv(tokyo.stdout.toString('utf8')), TZ).toEqual([
          ['t', 'u'],
          ['2024-01-15 10:30:00', '2024-01-15 19:30:00'],
        ]);
      }
    });

    it('--gzip gzips stdout', async () => {
      const result = await run(['--gzip'], { input: INPUTS.ndjson });
      expect(result.code).toBe(0);
      expect(readCsv(gunzipSync(result.stdout).toString('utf8'))).toEqual(EXPECTED);
    });
  });

  describe('messages', () => {
    it('--help shows every flag and examples on stdout', async () => {
      const result = await run(['--help']);
      expect(result.code).toBe(0);
      const help = result.stdout.toString('utf8');
      for (const flag of [
        '--from',
        '--to',
        '--in-delimiter',
        '--in-encoding',
        '--columns',
        '--date-format',
        '--time-zone',
        '--encoding',
        '--delimiter',
        '--no-bom',
        '--no-header',
        '--quote-all',
        '--no-escape-formulas',
        '--gzip',
        '--sheet',
        '--max-rows',
        '--no-freeze',
        '--no-autofit',
        '--no-filter',
        '--total',
        '--progress',
        '--quiet',
        '--version',
      ]) {
        expect(help).toContain(flag);
      }
      expect(help).toContain('Examples');
    });

    it('--version prints the version from package.json', async () => {
      const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      const result = await run(['--version']);
      expect(result.code).toBe(0);
      expect(result.stdout.toString('utf8').trim()).toBe(version);
    });

    it('runs through a symlink, as npm installs the bin', async () => {
      const link = tmp.path('rowport');
      symlinkSync(CLI, link);
      const result = await finished(spawn(link, ['--version'], { stdio: ['pipe', 'pipe', 'pipe'] }));
      expect(result.code).toBe(0);
      expect(result.stdout.toString('utf8').trim()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('prints a one-line summary on stderr, and nothing with --quiet', async () => {
      const out = tmp.path('summary.csv');
      const result = await run([tmp.path('rows.json'), '-o', out]);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/\b3 rows\b/);
      const quiet = await run([tmp.path('rows.json'), '-o', out, '--quiet']);
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe('');
    });
  });

  describe('data errors: exit 1, with code and line, no output file', () => {
    it.each([
      ['a JSON array', 'json', '[\n  {"a": 1},\n  {"a": 2},\n\n  {"a": 3,}\n]\n', 'ROWPORT_INVALID_JSON', 5],
      ['a JSON array cut short', 'json', '[\n  {"a": 1},\n  {"a": 2}\n', 'ROWPORT_INVALID_JSON', 4],
      ['a JSON object instead of an array', 'json', '{"a": 1,\n "b": 2}\n', 'ROWPORT_INVALID_JSON', 1],
      ['NDJSON', 'ndjson', '{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n', 'ROWPORT_INVALID_JSON', 3],
      ['NDJSON with a scalar line', 'ndjson', '{"a":1}\n\n42\n', 'ROWPORT_INVALID_JSON', 3],
      ['CSV', 'csv', 'a,b\n"x"y,2\n3,4\n', 'ROWPORT_INVALID_CSV', 2],
    ])('bad %s reports its line', async (_name, format, input, code, line) => {
      const file = tmp.path(`bad-${_name.replace(/\W+/g, '-')}.${format}`);
      writeFileSync(file, input);
      const out = tmp.path('bad-out.csv');
      const result = await run([file, '-o', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`(${code}, line ${line}`);
      expect(tmp.files()).not.toContain('bad-out.csv');
      expect(tmp.files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('names row, column and the input line of a value the writer refuses', async () => {
      // the line the row starts on (its `{`), for a row over several lines
      const input = '[\n{"id":1,"name":"Ivan"},\n{"id":2,\n "name":"李"}\n]\n';
      const result = await run(['--encoding', 'windows-1251'], { input });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ROWPORT_UNMAPPABLE_CHARACTER, row 1, column "name", input line 3');
    });

    it('--max-rows fails past the limit and leaves no file', async () => {
      const out = tmp.path('max.csv');
      const result = await run([tmp.path('rows.ndjson'), '--max-rows', '2', '-o', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ROWPORT_MAX_ROWS');
      expect(tmp.files()).not.toContain('max.csv');
      expect((await run([tmp.path('rows.ndjson'), '--max-rows', '3', '-o', out])).code).toBe(0);
    });
  });

  describe('usage errors: exit 2 (the rest run in-process in args.test.ts)', () => {
    it.each([
      ['an unknown flag', ['--bogus']],
      ['a missing input file', ['no-such-file.json']],
    ])('%s', async (_name, args) => {
      const result = await run(args, { input: INPUTS.ndjson, cwd: tmp.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^rowport: /);
      expect(result.stderr).toContain('--help');
      expect(result.stdout.length).toBe(0);
    });

    it('suggests the flag that was probably meant', async () => {
      const result = await run(['--qiuet']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--quiet');
    });
  });
});
