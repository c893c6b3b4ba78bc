// With `Object.prototype` polluted elsewhere in the app, options were read through the prototype
// chain: CSV formula escaping turned off, formulas were injected into XLSX cells (#18).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { exportFileName, exportToFile, formatDate, formatDates, fromCsv, selectColumns, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

/** Reads a stream by its events: `for await` on any Readable reads `signal` through the prototype (Node's own code). */
const readAll = (stream: Readable): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream
      .on('data', (c: Buffer) => chunks.push(c))
      .on('error', reject)
      .on('end', () => resolve(Buffer.concat(chunks)));
  });

/** A 1 × 1 PNG (its header is all that is read; the bytes are stored as they are). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4e20000000049454e44ae426082',
  'hex',
);

const rows = () => [
  { id: 1, f: '=1+1', d: new Date(Date.UTC(2024, 0, 15)), n: 1.5, u: 'https://example.com/a' },
  { id: 2, f: '@x', d: new Date(Date.UTC(2024, 1, 1)), n: 2, u: 'https://example.com/b' },
];
const xlsxColumns = () => [
  'id',
  { key: 'f', style: {} },
  { key: 'd', type: 'date' as const },
  { key: 'n', link: 'https://example.com/{id}' },
  { key: 'u', type: 'url' as const },
  { key: 't', formula: 'A{r}*2' },
];
const rich = () => ({
  columns: xlsxColumns(),
  table: {},
  conditionalFormats: [{ type: 'dataBar' as const, column: 'n' }],
  charts: [
    { type: 'bar' as const, categories: 'id', series: ['n'] },
    { type: 'column' as const, categories: 'id', series: [{ key: 'n' }], valueAxis: {}, dataLabels: true },
  ],
  images: [{ image: PNG, cell: 'H2' }],
  logo: { image: PNG },
  title: 'T',
  headerFooter: {},
  print: {},
});
const look = () => ({ headerStyle: {}, autoFit: {} });
const dir = tempDir('rowport-polluted-').dir;
const cli = async (args: string[], input: string): Promise<Buffer> => {
  const [stdin, stdout, out] = [new PassThrough(), new PassThrough(), [] as Buffer[]];
  stdout.on('data', (c: Buffer) => out.push(c));
  stdin.end(input);
  const code = await runCli(args, { stdin, stdout, stderr: new PassThrough() });
  return Buffer.concat([Buffer.from(`exit ${code}\n`), ...out]);
};
const collect = async (iterable: AsyncIterable<unknown>) => {
  const all: unknown[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) all.push(next.value);
  return Buffer.from(JSON.stringify(all));
};
let file = 0;

/** Each public call with options left out where an inherited value would change what it does. */
const RUNS: Record<string, () => Promise<Buffer>> = {
  toCsv: () => readAll(toCsv(rows())),
  'url columns': async () =>
    Buffer.concat([
      await readAll(toCsv([{ u: { text: 'a' } }], { columns: [{ key: 'u', type: 'url' }] })),
      await readAll(toXlsx([{ u: { url: 'https://example.com/' } }], { columns: [{ key: 'u', type: 'url' }] })),
    ]),
  'toCsv with columns': () => readAll(toCsv(rows(), { columns: ['id', { key: 'f' }, { key: 'd', type: 'date' }], gzip: {} })),
  toXlsx: () => readAll(toXlsx(rows())),
  'toXlsx with features': () => readAll(toXlsx(rows(), { ...rich(), ...look() })),
  toWorkbook: () =>
    readAll(
      toWorkbook(
        [
          { name: 'S', rows: rows(), ...rich() },
          { name: 'R', rows: rows() },
        ],
        look(),
      ),
    ),
  fromCsv: () => collect(fromCsv(Buffer.from('a,b\r\n1,=2\r\n'), {})),
  selectColumns: () => collect(selectColumns(rows(), ['id', { key: 'f' }, { key: 'x', value: (r) => r.id }])),
  formatDates: () => collect(formatDates(rows(), 'eu', {})),
  formatDate: async () => Buffer.from(formatDate(new Date(0), 'full', {})),
  exportFileName: async () => Buffer.from(exportFileName('report', 'csv', {})),
  exportToFile: () =>
    exportToFile(toCsv([{ a: 1 }]), join(dir, `no-such-dir-${file++}`, 'a.csv'), {}).then(
      (s) => Buffer.from(`${s.bytes} ${s.rows}`),
      (e: { code?: string }) => Buffer.from(`rejected ${e.code}`),
    ),
  'CLI to CSV': () => cli([], '[{"a":"=1+1","b":2}]'),
  'CLI to XLSX': () => cli(['--format', 'xlsx'], '[{"a":"=1+1","b":2}]'),
};

/** Every option name of the public API (writers, columns, features, helpers), and some the CLI reads. */
const KEYS = [
  'columns',
  'header',
  'dateFormat',
  'timeZone',
  'total',
  'onProgress',
  'progressInterval',
  'signal',
  'maxRows',
  'delimiter',
  'quote',
  'lineEnding',
  'quoteAll',
  'encoding',
  'bom',
  'unmappable',
  'escapeFormulas',
  'gzip',
  'decimalSeparator',
  'dialect',
  'sheetName',
  'headerStyle',
  'freezeHeader',
  'autoFilter',
  'autoFit',
  'wrapText',
  'onRowLimit',
  'onWarning',
  'createdAt',
  'creator',
  'compressionLevel',
  'charts',
  'headerFooter',
  'print',
  'table',
  'conditionalFormats',
  'title',
  'subtitle',
  'preamble',
  'rowStyle',
  'key',
  'value',
  'type',
  'numFmt',
  'width',
  'style',
  'formula',
  'link',
  'bold',
  'italic',
  'fill',
  'color',
  'border',
  'align',
  'sampleRows',
  'minWidth',
  'maxWidth',
  'name',
  'bandedRows',
  'totals',
  'categories',
  'series',
  'anchor',
  'size',
  'xAxisTitle',
  'yAxisTitle',
  'legend',
  'valueAxis',
  'dataLabels',
  'min',
  'max',
  'majorUnit',
  'images',
  'image',
  'cell',
  'altText',
  'logo',
  'height',
  'footer',
  'orientation',
  'fitToWidth',
  'repeatHeader',
  'paperSize',
  'gridlines',
  'column',
  'colors',
  'icons',
  'reverse',
  'showValue',
  'operator',
  'contains',
  'count',
  'percent',
  'headers',
  'skipEmpty',
  'maxFieldBytes',
  'invalid',
  'onHeaders',
  'mkdir',
  'date',
  'format',
  'output',
  'types',
  'detectDates',
  'sheet',
  'level',
  'rows',
  'text',
  'url',
];
const VALUES: readonly unknown[] = [false, true, '=2+3', () => '=2+3'];
/**
 * Node's own stream code reads `signal` and `encoding` through the prototype chain (`eos()` in
 * `pipeline` and `for await`, zlib's streams), which no option reading of ours can
 * change: those two keys are checked on the calls that do not go through such streams.
 */
const NODE_STREAM_KEYS = new Set(['signal', 'encoding']);
const WITHOUT_NODE_STREAMS = new Set(['toCsv', 'selectColumns', 'formatDates', 'formatDate', 'exportFileName']);

const baseline = new Map<string, Buffer>();
const proto = Object.prototype as Record<string, unknown>;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 4, 12) });
  for (const [name, run] of Object.entries(RUNS)) baseline.set(name, await run());
});
afterEach(() => {
  for (const key of KEYS) delete proto[key];
});
afterAll(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('options with a polluted Object.prototype', () => {
  it.each(KEYS)('ignores an inherited `%s`', async (key) => {
    const changed: string[] = [];
    for (const value of VALUES) {
      proto[key] = value;
      try {
        for (const [name, run] of Object.entries(RUNS)) {
          if (NODE_STREAM_KEYS.has(key) && !WITHOUT_NODE_STREAMS.has(name)) continue;
          const got = await Promise.resolve()
            .then(run)
            .catch((e: { code?: string; message?: string }) => Buffer.from(`threw ${e.code} ${e.message}`));
          if (!got.equals(baseline.get(name) as Buffer)) changed.push(`${name} (${typeof value} ${String(value)}): ${got.subarray(0, 120).toString()}`);
        }
      } finally {
        delete proto[key];
      }
    }
    expect(changed).toEqual([]);
  });

  it('the baseline escapes formulas and writes no formula from an option', () => {
    expect((baseline.get('toCsv') as Buffer).toString()).toContain("'=1+1");
    expect((baseline.get('CLI to CSV') as Buffer).toString()).toContain("'=1+1");
    expect((baseline.get('toXlsx with features') as Buffer).length).toBeGreaterThan(1000);
  });

  // Node's own streams read `finish` through the prototype chain (a listener list of `_events`), so
  // only the XLSX runs, whose feature list has hooks named `finish` (#19), are checked for it.
  it('ignores an inherited `finish` hook of a workbook feature', async () => {
    proto.finish = () => {
      throw new Error('an inherited finish hook ran');
    };
    try {
      for (const name of ['toXlsx with features', 'toWorkbook', 'url columns']) {
        const run = RUNS[name as keyof typeof RUNS] as () => Promise<Buffer>;
        expect((await run()).equals(baseline.get(name) as Buffer), name).toBe(true);
      }
    } finally {
      delete proto.finish;
    }
  });
});
