import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELP, parseCliArgs } from '../../src/cli/args.js';
import { parseColumnsFlag, parseTypesFlag } from '../../src/cli/columnsFlag.js';
import { type CliIo, runCli } from '../../src/cli/main.js';
import { runInProcess } from '../helpers/cli.js';
import { StopSignalReceived, UsageError } from '../../src/cli/usageError.js';
import { tempDir } from '../helpers/tempDir.js';

/** Runs the command in-process (argv as a parameter), stdout as text. */
async function inProcess(argv: string[], options: { input?: string; io?: Partial<CliIo> } = {}) {
  const result = await runInProcess(argv, { ...options.io, ...(options.input === undefined ? {} : { input: options.input }) });
  return { ...result, stdout: result.stdout.toString() };
}

describe('parseCliArgs', () => {
  it('defaults every flag', () => {
    expect(parseCliArgs([])).toMatchObject({
      input: undefined,
      output: undefined,
      from: undefined,
      to: undefined,
      header: true,
      bom: undefined,
      quoteAll: false,
      escapeFormulas: true,
      gzip: false,
      freeze: true,
      autoFit: true,
      autoFilter: true,
      progress: false,
      quiet: false,
    });
  });

  it('reads every flag', () => {
    const args = parseCliArgs([
      'in.csv',
      '-o',
      'out.csv',
      '--from',
      'csv',
      '--to',
      'csv',
      '--in-delimiter',
      'tab',
      '--in-encoding',
      'latin1',
      '--date-format',
      'eu',
      '--time-zone',
      'Europe/Berlin',
      '--encoding',
      'utf-16le',
      '--delimiter',
      '\\t',
      '--no-bom',
      '--no-header',
      '--quote-all',
      '--no-escape-formulas',
      '--gzip',
      '--max-rows',
      '1_000',
      '--total',
      '20',
      '--progress',
      '-q',
    ]);
    expect(args).toMatchObject({
      input: 'in.csv',
      output: 'out.csv',
      from: 'csv',
      to: 'csv',
      inDelimiter: '\t',
      inEncoding: 'latin1',
      dateFormat: 'eu',
      timeZone: 'Europe/Berlin',
      encoding: 'utf-16le',
      delimiter: '\t',
      bom: false,
      header: false,
      quoteAll: true,
      escapeFormulas: false,
      gzip: true,
      maxRows: 1000,
      total: 20,
      progress: true,
      quiet: true,
    });
    expect(parseCliArgs(['--sheet', 'Data', '--no-freeze', '--no-autofit', '--no-filter'])).toMatchObject({
      sheet: 'Data',
      freeze: false,
      autoFit: false,
      autoFilter: false,
    });
  });

  it.each([
    [['--bogus']],
    [['--columns']],
    [['--from', 'xml']],
    [['--to', 'pdf']],
    [['--max-rows', '-1']],
    [['--total', 'many']],
    [['--delimiter', '']],
    [['a', 'b']],
    [['--columns', ',']],
    [['--types', 'a']],
    [['--types', 'a:money']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });

  describe('numeric flags --max-rows and --total', () => {
    it.each(['0', '5', '1_000_000', String(Number.MAX_SAFE_INTEGER)])('take %j', (value) => {
      expect(parseCliArgs(['--max-rows', value]).maxRows).toBe(Number(value.replace(/_/g, '')));
      expect(parseCliArgs([`--total=${value}`]).total).toBe(Number(value.replace(/_/g, '')));
    });

    it.each(['-5', '-0', '-1.5', '1.5', '1e3', 'NaN', 'Infinity', '0x10', '', ' 5', '+5', '_', '1__0', '5_', '9007199254740992', '99999999999999999999'])(
      'refuse %j with a message saying what is allowed (not "ambiguous")',
      (value) => {
        for (const flag of ['--max-rows', '--total']) {
          for (const argv of [[flag, value], [`${flag}=${value}`]]) {
            let error: unknown;
            try {
              parseCliArgs(argv);
            } catch (e) {
              error = e;
            }
            expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
            expect((error as Error).message, argv.join(' ')).toContain(`${flag} must be a whole number from 0`);
          }
        }
      },
    );

    it('a value starting with a dash for another flag gets a hint, not "ambiguous"', () => {
      expect(() => parseCliArgs(['--sheet', '-x'])).toThrow(/--sheet=-value/);
      expect(parseCliArgs(['--sheet=-x']).sheet).toBe('-x');
    });
  });

  it('reads --types and --detect-dates', () => {
    expect(parseCliArgs(['--types', 'created_at:datetime,total:decimal', '--detect-dates'])).toMatchObject({
      types: new Map([
        ['created_at', 'datetime'],
        ['total', 'decimal'],
      ]),
      detectDates: true,
    });
    expect(parseCliArgs([])).toMatchObject({ types: undefined, detectDates: false });
  });
});

describe('HELP', () => {
  it('documents --types, --detect-dates and the exit codes of stop signals', () => {
    for (const text of ['--types SPEC', '--detect-dates', '129, 130, 143']) expect(HELP).toContain(text);
  });
});

describe('parseTypesFlag', () => {
  it('reads key:type pairs, with escapes', () => {
    expect(parseTypesFlag('a:date, b\\:c : integer')).toEqual(
      new Map([
        ['a', 'date'],
        ['b:c', 'integer'],
      ]),
    );
  });

  it.each(['', 'a', 'a:', ':date', 'a:money', 'a:date:x', 'a:date,a:integer', 'a:Date'])('rejects %j', (spec) => {
    expect(() => parseTypesFlag(spec)).toThrow(UsageError);
  });
});

describe('parseColumnsFlag', () => {
  it('reads key, key:type, key:header and key:header:type', () => {
    expect(parseColumnsFlag('id,name:Student Name,score:decimal,at:When:date')).toEqual([
      { key: 'id' },
      { key: 'name', header: 'Student Name' },
      { key: 'score', type: 'decimal' },
      { key: 'at', header: 'When', type: 'date' },
    ]);
  });

  it('takes a header that looks like a type with a trailing colon, and escapes', () => {
    expect(parseColumnsFlag('a:date:,b::integer')).toEqual([
      { key: 'a', header: 'date' },
      { key: 'b', type: 'integer' },
    ]);
    expect(parseColumnsFlag('a:Total\\, EUR\\: net,b\\:c')).toEqual([{ key: 'a', header: 'Total, EUR: net' }, { key: 'b:c' }]);
  });

  it.each(['', 'a,,b', 'a:b:money', 'a:b:c:d', 'a,a', 'a:nosuchtype', 'a:decimals', 'a:date-time', 'a:int'])('rejects %j', (spec) => {
    expect(() => parseColumnsFlag(spec)).toThrow(UsageError);
  });

  it('reads a second part that is one lower-case word as a type, anything else as a header', () => {
    expect(parseColumnsFlag('a:Total,b:net total,c:Date,d:total:,e:x1:')).toEqual([
      { key: 'a', header: 'Total' },
      { key: 'b', header: 'net total' },
      { key: 'c', header: 'Date' },
      { key: 'd', header: 'total' },
      { key: 'e', header: 'x1' },
    ]);
  });
});

describe('runCli (in-process)', () => {
  it.each([
    ['an unknown flag', ['--bogus']],
    ['a flag missing its value', ['--columns']],
    ['a bad --from', ['--from', 'xml']],
    ['a bad --columns type', ['--columns', 'a:b:money']],
    ['a bad --max-rows', ['--max-rows', '-1']],
    ['a negative --total', ['--total', '-5']],
    ['an unknown --columns type', ['--columns', 'a:nosuchtype']],
    ['a bad --types type', ['--types', 'a:money']],
    ['a --types key that is not a column', ['--types', 'b:date']],
    ['a --types key that --columns did not select', ['--columns', 'a', '--types', 'b:date']],
    ['a --types type that --columns contradicts', ['--columns', 'a:integer', '--types', 'a:date']],
    ['a bad --time-zone', ['--time-zone', 'Mars/Olympus']],
    ['a bad --date-format', ['--date-format', 'yyyy-jj']],
    ['a bad --encoding', ['--encoding', 'klingon']],
    ['a bad --in-encoding', ['--in-encoding', 'klingon']],
    ['a long --in-delimiter', ['--in-delimiter', ';;']],
    ['an unknown output extension', ['-o', 'out.pdf']],
    ['an XLSX flag for CSV output', ['--sheet', 'S', '-o', 'x.csv']],
    ['a CSV flag for XLSX output', ['--delimiter', ';', '-o', 'x.xlsx']],
    ['two inputs', ['a.json', 'b.json']],
    ['a missing input file', ['/no/such/file.json']],
    ['a folder as input', ['.']],
    ['a missing output folder', ['-o', '/no/such/folder/out.csv']],
    ['an output folder that is a file', ['-o', 'package.json/out.csv']],
  ])('exits 2 on %s, with a hint', async (_name, argv) => {
    const result = await inProcess(argv, { input: '{"a":1}\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rowport: .*\nTry 'rowport --help'/);
    expect(result.stdout).toBe('');
  });

  it('refuses XLSX to a terminal', async () => {
    const result = await inProcess(['--to', 'xlsx'], { input: '{"a":1}\n', io: { stdoutIsTTY: true } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('terminal');
  });

  it('refuses to wait for rows typed on a terminal', async () => {
    const result = await inProcess([], { io: { stdinIsTTY: true } });
    expect(result.code).toBe(2);
  });

  it('stops with exit 130 when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await inProcess([], { input: '{"a":1}\n', io: { signal: controller.signal } });
    expect(result.code).toBe(130);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('stops with the exit code of %s when the signal aborts with it', async (name, code) => {
    const controller = new AbortController();
    controller.abort(new StopSignalReceived(name));
    const result = await inProcess([], { input: '{"a":1}\n', io: { signal: controller.signal } });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain('interrupted');
  });

  it('draws the bar when stderr is a terminal, but not over CSV printed to the same terminal', async () => {
    const input = '{"a":1}\n{"a":2}\n';
    const dir = tempDir('rowport-cli-').dir;
    try {
      const toFile = await inProcess(['-o', join(dir, 'bar.csv')], { input, io: { stderrIsTTY: true, stdoutIsTTY: true } });
      expect(toFile.code).toBe(0);
      expect(toFile.stderr).toMatch(/\rrowport +2 rows {2}/);
      const toTerminal = await inProcess([], { input, io: { stderrIsTTY: true, stdoutIsTTY: true } });
      expect(toTerminal.stderr).not.toContain('\r');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with exit 130 when aborted while stdin has sent nothing yet (a slow query upstream)', async () => {
    const stdin = new PassThrough(); // never written, never ended
    const sink = new PassThrough().resume();
    const controller = new AbortController();
    const running = runCli(['-o', join(tmpdir(), 'rowport-never-written.csv')], { stdin, stdout: sink, stderr: sink, signal: controller.signal });
    setImmediate(() => controller.abort());
    expect(await running).toBe(130);
  });

  it('writes CSV to stdout', async () => {
    const result = await inProcess(['--no-bom', '--quiet'], { input: '{"a":1,"b":"x"}\n' });
    expect(result).toEqual({ code: 0, stdout: 'a,b\r\n1,x\r\n', stderr: '' });
  });
});

describe('--decimal-separator and --dialect', () => {
  it('read their values', () => {
    const args = parseCliArgs(['--decimal-separator', ',', '--dialect', 'excel-eu']);
    expect([args.decimalSeparator, args.dialect]).toEqual([',', 'excel-eu']);
    expect([parseCliArgs([]).decimalSeparator, parseCliArgs([]).dialect]).toEqual([undefined, undefined]);
  });
  it.each([
    ['--decimal-separator', ';'],
    ['--decimal-separator', 'comma'],
    ['--dialect', 'excel'],
    ['--dialect', ''],
  ])('reject %s %j', (flag, value) => {
    expect(() => parseCliArgs([flag, value])).toThrow(UsageError);
  });
  it('are documented', () => {
    expect(HELP).toContain('--decimal-separator');
    expect(HELP).toContain('--dialect excel-eu');
  });
});

describe('European CSV from the command line', () => {
  const input = '[{"total": 74.92, "day": "2024-01-15", "qty": "3.5", "id": 9223372036854775807}]';
  it('--dialect excel-eu writes ;, decimal commas and eu dates', async () => {
    const r = await inProcess(['--from', 'json', '--to', 'csv', '--dialect', 'excel-eu', '--columns', 'total,day:date,qty:decimal,id'], { input });
    expect([r.code, r.stdout]).toEqual([0, '\uFEFFtotal;day;qty;id\r\n74,92;15.01.2024;3,5;9223372036854775807\r\n']);
  });
  it('flags override the dialect', async () => {
    const r = await inProcess(
      ['--from', 'json', '--dialect', 'excel-eu', '--delimiter', 'tab', '--decimal-separator', '.', '--date-format', 'iso', '--columns', 'total,day:date'],
      { input },
    );
    expect(r.stdout).toBe('\uFEFFtotal\tday\r\n74.92\t2024-01-15\r\n');
  });
  it('--decimal-separator , with the default delimiter is a usage error', async () => {
    const r = await inProcess(['--from', 'json', '--decimal-separator', ','], { input });
    expect([r.code, r.stdout]).toEqual([2, '']);
  });
  it('is refused for XLSX output', async () => {
    expect((await inProcess(['--from', 'json', '--to', 'xlsx', '--dialect', 'excel-eu'], { input })).code).toBe(2);
  });
});
