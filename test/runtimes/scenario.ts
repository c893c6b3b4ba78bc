// What every runtime test runs inside its runtime (bundled with rowport/web by esbuild): the quick
// start's CSV, an XLSX with a table, a chart and a title block, and a cancel of each through a
// `Response`, observing the source's `finally`. The bytes go back to the Node test as base64.
import { type ToXlsxOptions, contentDisposition, exportFileName, toCsv, toXlsx } from '../../src/web/index.js';

export const QUICK_START_ROWS = [{ id: 1, name: 'Ada', joined: new Date('2024-01-15T09:30:00Z') }];

/** The quick start's CSV (README). */
export function quickStartCsv(): ReadableStream<Uint8Array> {
  return toCsv(QUICK_START_ROWS, { dateFormat: 'full' });
}

/** Scores of a class: the rows of the report workbook. */
export function* scores(count = 40): Generator<{ student: string; score: number; passed: boolean; day: Date }> {
  for (let i = 0; i < count; i++) {
    yield { student: `Student ${i + 1}`, score: ((i * 37) % 100) / 100, passed: (i * 37) % 100 >= 50, day: new Date(Date.UTC(2024, 0, 1 + i)) };
  }
}

/** The report's options: a title block, a table and a chart. */
export const REPORT_OPTIONS = {
  sheetName: 'Scores',
  title: 'Class 7B',
  subtitle: 'Term 1',
  table: true,
  columns: ['student', { key: 'score', type: 'percent' }, 'passed', { key: 'day', type: 'date' }],
  charts: [{ type: 'column', title: 'Scores', categories: 'student', series: ['score'] }],
} satisfies ToXlsxOptions<ReturnType<typeof scores> extends Iterable<infer R> ? R : never>;

/** An XLSX with a title block, a table and a chart. */
export function reportXlsx(): ReadableStream<Uint8Array> {
  return toXlsx(scores(), REPORT_OPTIONS);
}

/** Endless rows whose `finally` is counted: what a DB cursor's close is to a real export. */
export function probe(): { rows: AsyncGenerator<{ i: number; text: string }>; state: { pulled: number; closed: number } } {
  const state = { pulled: 0, closed: 0 };
  async function* rows() {
    try {
      for (let i = 0; ; i++) {
        state.pulled++;
        yield { i, text: `row ${i}` };
      }
    } finally {
      state.closed++;
    }
  }
  return { rows: rows(), state };
}

/** Reads one chunk of each writer's `Response` body, cancels it, and says whether the source closed (once). */
export async function cancelBoth(): Promise<{ csv: number; xlsx: number }> {
  const closed = { csv: 0, xlsx: 0 };
  for (const kind of ['csv', 'xlsx'] as const) {
    const { rows, state } = probe();
    const body = new Response(kind === 'csv' ? toCsv(rows) : toXlsx(rows)).body as ReadableStream<Uint8Array>;
    const reader = body.getReader();
    await reader.read();
    await reader.cancel('the client went away');
    for (let i = 0; i < 50 && state.closed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    closed[kind] = state.closed;
  }
  return closed;
}

export async function base64Of(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface ScenarioResult {
  csv: string;
  xlsx: string;
  /** The report stored (`compressionLevel: 0`): no deflate, so the same bytes on every runtime. */
  stored: string;
  cancelled: { csv: number; xlsx: number };
  fileName: string;
  disposition: string;
}

/** The whole scenario, for a runtime that prints or returns its result. */
export async function runScenario(): Promise<ScenarioResult> {
  const fileName = exportFileName('class scores', 'xlsx', { date: new Date(Date.UTC(2024, 0, 15, 14, 30, 45)) });
  return {
    csv: await base64Of(quickStartCsv()),
    xlsx: await base64Of(reportXlsx()),
    stored: await base64Of(toXlsx(scores(), { ...REPORT_OPTIONS, compressionLevel: 0 })),
    cancelled: await cancelBoth(),
    fileName,
    disposition: contentDisposition(fileName),
  };
}
