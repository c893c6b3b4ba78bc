import { describe, expect, it, vi } from 'vitest';
import { type ProgressInfo, type RowportWarning, defineSheet, toWorkbook } from '../../src/index.js';
import { countingSource, readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const students = Array.from({ length: 50 }, (_, i) => ({
  name: `Student ${i}`,
  className: `C${i % 3}`,
  score: 60 + (i % 40),
  at: new Date(Date.UTC(2024, 0, 1 + i)),
}));
const classes = [
  { className: 'C0', students: 17, avg: 78.5 },
  { className: 'C1', students: 17, avg: 80.25 },
  { className: 'C2', students: 16, avg: 79 },
];

const sheetNames = (workbookXml: string) => [...workbookXml.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);

describe('toWorkbook', () => {
  it('writes the sheets in order, each with its own columns', async () => {
    const p = parts(
      await readAll(
        toWorkbook([
          { name: 'Student Analytics', rows: students, columns: ['name', 'className', { key: 'score', type: 'integer' }, { key: 'at', type: 'date' }] },
          { name: 'Class Summary', rows: classes, columns: ['className', 'students', { key: 'avg', type: 'decimal', header: 'Average' }] },
          { name: 'Performance', rows: [{ top: 'Student 39', score: 99 }] },
        ]),
      ),
    );
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Student Analytics', 'Class Summary', 'Performance']);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<row r="51">');
    expect(p['xl/worksheets/sheet2.xml']).toMatch(/<c r="C1"[^>]*t="inlineStr"><is><t>Average<\/t>/);
    expect(p['xl/worksheets/sheet3.xml']).toContain('<autoFilter ref="A1:B2"/>');
    expect(p['xl/worksheets/sheet1.xml']).toContain('tabSelected="1"');
    expect(p['xl/worksheets/sheet2.xml']).not.toContain('tabSelected');
    expect(p['[Content_Types].xml']).toContain('/xl/worksheets/sheet3.xml');
    expect(p['xl/_rels/workbook.xml.rels']).toContain('Target="worksheets/sheet3.xml"');
    expect(p['docProps/app.xml']).toContain('<vt:lpstr>Class Summary</vt:lpstr>');
  });

  it('repairs sheet names and keeps them unique, with warnings', async () => {
    const warnings: RowportWarning[] = [];
    const p = parts(
      await readAll(
        toWorkbook(
          [
            { name: 'Data', rows: [{ a: 1 }] },
            { name: 'DATA', rows: [{ a: 2 }] },
            { name: '', rows: [{ a: 3 }] },
            { name: 'a/b', rows: [{ a: 4 }] },
          ],
          { onWarning: (w) => warnings.push(w) },
        ),
      ),
    );
    expect(sheetNames(p['xl/workbook.xml'] as string)).toEqual(['Data', 'DATA (2)', 'Sheet3', 'a_b']);
    expect(warnings.map((w) => [w.code, w.sheet])).toEqual([
      ['ROWPORT_SHEET_RENAMED', 'DATA (2)'],
      ['ROWPORT_SHEET_RENAMED', 'Sheet3'],
      ['ROWPORT_SHEET_RENAMED', 'a_b'],
    ]);
  });

  it('applies the workbook look to every sheet and sheet options to their own sheet', async () => {
    const p = parts(
      await readAll(
        toWorkbook(
          [
            { name: 'A', rows: [{ d: new Date('2024-01-15T23:30:00Z') }], columns: [{ key: 'd', type: 'date' }] },
            { name: 'B', rows: [{ d: new Date('2024-01-15T23:30:00Z') }], columns: [{ key: 'd', type: 'date' }], timeZone: 'Asia/Tokyo', header: false },
          ],
          { freezeHeader: false },
        ),
      ),
    );
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<c r="A2"[^>]*><v>45306<\/v>/);
    expect(p['xl/worksheets/sheet2.xml']).toMatch(/<c r="A1"[^>]*><v>45307<\/v>/);
    expect(p['xl/worksheets/sheet1.xml']).not.toContain('<pane');
  });

  it('reports progress with the sheet name and its rows, and a final call', async () => {
    const reports: ProgressInfo[] = [];
    await readAll(
      toWorkbook(
        [
          { name: 'One', rows: Array.from({ length: 300 }, (_, i) => ({ i })) },
          { name: 'Two', rows: Array.from({ length: 200 }, (_, i) => ({ i })) },
        ],
        { onProgress: (p) => reports.push(p), progressInterval: 0, total: 500 },
      ),
    );
    const sheets = [...new Set(reports.map((r) => r.sheet))];
    expect(sheets).toEqual(['One', 'Two']);
    expect(Math.max(...reports.filter((r) => r.sheet === 'One').map((r) => r.sheetRows ?? 0))).toBeLessThanOrEqual(300);
    expect(reports.at(-1)).toMatchObject({ rows: 500, sheet: 'Two', sheetRows: 200, percent: 100 });
  });

  it('fails on an error in a later sheet and closes every source once', async () => {
    const first = countingSource((i) => ({ i }), 100);
    const third = countingSource((i) => ({ i }), 100);
    async function* broken() {
      yield { i: 0 };
      throw new Error('lost');
    }
    const error = await readAll(
      toWorkbook([
        { name: 'A', rows: first.iterable },
        { name: 'B', rows: broken() },
        { name: 'C', rows: third.iterable },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ROWPORT_SOURCE_FAILED', row: 1 });
    expect(first.state.returned).toBe(0); // it ended by itself
    expect(third.state.returned).toBe(1);
    expect(third.state.pulled).toBe(0);
  });

  it('closes the open sources once when the consumer destroys the stream', async () => {
    const a = countingSource((i) => ({ i, text: `row ${i}` }));
    const b = countingSource((i) => ({ i }));
    const stream = toWorkbook([
      { name: 'A', rows: a.iterable },
      { name: 'B', rows: b.iterable },
    ]);
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.destroy();
    await vi.waitFor(() => {
      expect(a.state.returned).toBe(1);
      expect(b.state.returned).toBe(1);
    });
  });

  it('aborts with ROWPORT_ABORTED', async () => {
    const controller = new AbortController();
    const a = countingSource((i) => {
      if (i === 2000) controller.abort();
      return { i };
    });
    await expect(readAll(toWorkbook([{ name: 'A', rows: a.iterable }], { signal: controller.signal }))).rejects.toMatchObject({ code: 'ROWPORT_ABORTED' });
    await vi.waitFor(() => expect(a.state.returned).toBe(1));
  });

  it('applies maxRows to each sheet', async () => {
    const rows = () => Array.from({ length: 20 }, (_, i) => ({ i }));
    await expect(
      readAll(
        toWorkbook(
          [
            { name: 'A', rows: rows() },
            { name: 'B', rows: rows(), maxRows: 10 },
          ],
          { maxRows: 20 },
        ),
      ),
    ).rejects.toMatchObject({
      code: 'ROWPORT_MAX_ROWS',
      row: 10,
    });
  });

  it('gives byte-identical output for the same sheets', async () => {
    const make = () =>
      toWorkbook([
        { name: 'S', rows: students },
        { name: 'C', rows: classes },
      ]);
    expect((await readAll(make())).equals(await readAll(make()))).toBe(true);
  });

  describe('rejected arguments', () => {
    it.each([[[]], [null], ['sheet'], [[null]], [[{ rows: [] }]], [[{ name: 5, rows: [] }]]])('rejects sheets = %j', (sheets) => {
      expect(() => toWorkbook(sheets as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
    it('rejects a sheet whose rows cannot be read', () => {
      expect(() => toWorkbook([{ name: 'A', rows: 5 as never }])).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
    });
    it.each([[{ columns: 'a' }], [{ timeZone: 'Nowhere/City' }], [{ header: 'yes' }], [{ maxRows: -1 }]])('rejects the sheet option %j', (extra) => {
      expect(() => toWorkbook([{ name: 'A', rows: [], ...(extra as object) }])).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
    it.each([[{ autoFilter: 'no' }], [{ onRowLimit: 'x' }], [{ signal: {} }]])('rejects the workbook option %j', (options) => {
      expect(() => toWorkbook([{ name: 'A', rows: [] }], options as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
  });
});

describe('toWorkbook cleanup', () => {
  it('closes every source on destroy even when one source’s return() never settles', async () => {
    let pulls = 0;
    const stuck = {
      [Symbol.asyncIterator]() {
        return {
          next: () => {
            pulls++;
            return new Promise<IteratorResult<{ a: number }>>(() => undefined); // never yields
          },
          return: () => new Promise<IteratorResult<{ a: number }>>(() => undefined), // never settles
        };
      },
    };
    const later = countingSource((i) => ({ i }));
    const stream = toWorkbook([
      { name: 'Stuck', rows: stuck },
      { name: 'Later', rows: later.iterable },
    ]);
    stream.resume();
    await vi.waitFor(() => expect(pulls).toBe(1)); // the writer waits on the stuck source
    stream.destroy();
    await vi.waitFor(() => expect(later.state.returned).toBe(1));
  });
});

describe('defineSheet', () => {
  it('is the sheet it is given: the same workbook as the plain object', async () => {
    const spec = { name: 'Scores', rows: students, columns: ['name', { key: 'double', value: (r: (typeof students)[number]) => r.score * 2 }] };
    const defined = defineSheet(spec);
    expect(defined).toBe(spec);
    const [typed, plain] = await Promise.all([readAll(toWorkbook([defined])), readAll(toWorkbook([spec]))]);
    expect(parts(typed)['xl/worksheets/sheet1.xml']).toBe(parts(plain)['xl/worksheets/sheet1.xml']);
    expect(parts(typed)['xl/worksheets/sheet1.xml']).toContain('<v>120</v>');
  });
});
