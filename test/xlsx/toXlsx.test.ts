import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts, unzip } from '../helpers/unzip.js';

const xlsx = async (rows: Iterable<unknown> | AsyncIterable<unknown>, options: Parameters<typeof toXlsx>[1] = {}) =>
  parts(await readAll(toXlsx(rows as never, options as never)));

/** Cells of sheet XML by address: attributes and inner XML. */
function cells(sheetXml: string): Record<string, { attrs: string; inner: string }> {
  const out: Record<string, { attrs: string; inner: string }> = {};
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/gs)) out[m[1] as string] = { attrs: m[2] as string, inner: m[3] as string };
  return out;
}
const sheet1 = (p: Record<string, string>) => p['xl/worksheets/sheet1.xml'] as string;

describe('toXlsx', () => {
  it('writes the parts of a workbook', async () => {
    const p = await xlsx([{ a: 1 }]);
    expect(Object.keys(p).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
    expect(p['[Content_Types].xml']).toContain('PartName="/xl/worksheets/sheet1.xml"');
    expect(p['xl/workbook.xml']).toContain('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>');
  });

  it('uses inline strings with sharedStrings: false, so there is no shared-strings part', async () => {
    const p = await xlsx([{ a: 'text' }], { sharedStrings: false });
    const c = cells(sheet1(p));
    expect(c.A2?.attrs).toContain('t="inlineStr"');
    expect(c.A2?.inner).toBe('<is><t>text</t></is>');
    expect(p['xl/sharedStrings.xml']).toBeUndefined();
  });

  it.each([
    [
      'a generator',
      () =>
        (function* gen() {
          yield { a: 1 };
          yield { a: 2 };
        })(),
    ],
    [
      'an async generator',
      () =>
        (async function* gen() {
          yield { a: 1 };
          yield { a: 2 };
        })(),
    ],
    ['an object-mode Readable', () => Readable.from([{ a: 1 }, { a: 2 }])],
    [
      'a ReadableStream',
      () =>
        new ReadableStream({
          start(c) {
            c.enqueue({ a: 1 });
            c.enqueue({ a: 2 });
            c.close();
          },
        }),
    ],
  ])('reads %s', async (_name, make) => {
    const c = cells(sheet1(await xlsx(make() as Iterable<unknown>)));
    expect([c.A2?.inner, c.A3?.inner]).toEqual(['<v>1</v>', '<v>2</v>']);
  });

  it('writes an empty workbook for an empty source', async () => {
    const p = await xlsx([]);
    expect(sheet1(p)).toContain('<sheetData></sheetData>');
  });

  it('writes the header of the given columns for an empty source', async () => {
    const c = cells(sheet1(await xlsx([], { columns: ['a', { key: 'b', header: 'Bee' }] })));
    expect(c.B1?.inner).toBe('<is><t>Bee</t></is>');
  });

  describe('determinism', () => {
    const rows = () => Array.from({ length: 500 }, (_, i) => ({ id: i, name: `n${i}`, at: new Date(Date.UTC(2024, 0, 1 + (i % 300))) }));
    it('gives byte-identical output for the same rows and options', async () => {
      const a = await readAll(toXlsx(rows()));
      const b = await readAll(toXlsx(rows()));
      expect(a.equals(b)).toBe(true);
    });
    it('fixes the zip and document times at 1980-01-01 without createdAt', async () => {
      const zip = await readAll(toXlsx(rows()));
      for (const entry of unzip(zip)) {
        expect(entry.dosDate).toBe((0 << 9) | (1 << 5) | 1);
        expect(entry.dosTime).toBe(0);
      }
      expect(parts(zip)['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>');
    });
    it('uses createdAt in the zip and the document properties', async () => {
      const createdAt = new Date('2024-05-06T07:08:10Z');
      const zip = await readAll(toXlsx(rows(), { createdAt }));
      const entry = unzip(zip)[0];
      expect(entry?.dosDate).toBe(((2024 - 1980) << 9) | (5 << 5) | 6);
      expect(entry?.dosTime).toBe((7 << 11) | (8 << 5) | 5);
      expect(parts(zip)['docProps/core.xml']).toContain('2024-05-06T07:08:10Z');
    });
  });

  describe('typed cells', () => {
    it('writes numbers as numbers and booleans as booleans', async () => {
      const c = cells(sheet1(await xlsx([{ n: 1.5, i: -3, z: 0, t: true, f: false }])));
      expect(c.A2).toEqual({ attrs: '', inner: '<v>1.5</v>' });
      expect(c.B2?.inner).toBe('<v>-3</v>');
      expect(c.C2?.inner).toBe('<v>0</v>');
      expect(c.D2).toEqual({ attrs: ' t="b"', inner: '<v>1</v>' });
      expect(c.E2?.inner).toBe('<v>0</v>');
    });
    it('writes NaN and ±Infinity as #NUM! error cells', async () => {
      const c = cells(sheet1(await xlsx([{ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY }])));
      for (const ref of ['A2', 'B2', 'C2']) expect(c[ref]).toEqual({ attrs: ' t="e"', inner: '<v>#NUM!</v>' });
    });
    it('writes every JS number as a number with its shortest round-trip digits', async () => {
      const c = cells(sheet1(await xlsx([{ a: 2 ** 60, b: 1e20, c: 6.022e23, d: Number.MAX_VALUE, e: 1e-7, f: 5e-324 }])));
      expect(c.A2?.inner).toBe('<v>1152921504606847000</v>');
      expect(c.B2?.inner).toBe('<v>100000000000000000000</v>');
      expect(c.C2?.inner).toBe('<v>6.022E+23</v>');
      expect(c.D2?.inner).toBe('<v>1.7976931348623157E+308</v>');
      expect(c.E2?.inner).toBe('<v>1E-7</v>');
      expect(c.F2?.inner).toBe('<v>5E-324</v>');
    });
    it('writes a bigint as a number when a double holds its digits, else as exact text with a warning', async () => {
      const warnings: unknown[] = [];
      const rows = [{ a: 42n, b: 12345678901234567890n, c: -999999999999999n, d: 10n ** 21n, e: 9007199254740993n }];
      const c = cells(sheet1(await xlsx(rows, { onWarning: (w) => warnings.push(w) })));
      expect(c.A2?.inner).toBe('<v>42</v>');
      expect(c.B2?.inner).toBe('<is><t>12345678901234567890</t></is>');
      expect(c.C2?.inner).toBe('<v>-999999999999999</v>');
      expect(c.D2?.inner).toBe('<v>1E+21</v>');
      expect(c.E2?.inner).toBe('<is><t>9007199254740993</t></is>');
      expect(warnings).toMatchObject([
        { code: 'ROWPORT_NUMBER_AS_TEXT', row: 0, column: 'b' },
        { code: 'ROWPORT_NUMBER_AS_TEXT', row: 0, column: 'e' },
      ]);
    });
    it('skips null, undefined and empty strings', async () => {
      const c = cells(sheet1(await xlsx([{ a: null, b: undefined, c: '', d: 1 }])));
      expect(Object.keys(c).filter((k) => k.endsWith('2'))).toEqual(['D2']);
    });
    it('writes objects and arrays as JSON text', async () => {
      const c = cells(sheet1(await xlsx([{ a: { x: [1, 2] } }])));
      expect(c.A2?.inner).toBe('<is><t>{"x":[1,2]}</t></is>');
    });
    it('reads numeric strings of numeric columns as numbers', async () => {
      const c = cells(
        sheet1(
          await xlsx([{ a: '12.50', b: 'n/a' }], {
            columns: [
              { key: 'a', type: 'decimal' },
              { key: 'b', type: 'integer' },
            ],
          }),
        ),
      );
      expect(c.A2?.inner).toBe('<v>12.5</v>');
      expect(c.B2?.inner).toBe('<is><t>n/a</t></is>');
    });
    it('keeps numeric strings a double cannot hold as exact text', async () => {
      const rows = [{ a: '9223372036854775807', b: '12345678901234567.89', c: '9007199254740993' }];
      const columns = [
        { key: 'a', type: 'integer' as const },
        { key: 'b', type: 'decimal' as const },
        { key: 'c', type: 'percent' as const },
      ];
      const c = cells(sheet1(await xlsx(rows, { columns })));
      expect(c.A2?.inner).toBe('<is><t>9223372036854775807</t></is>');
      expect(c.B2?.inner).toBe('<is><t>12345678901234567.89</t></is>');
      expect(c.C2?.inner).toBe('<is><t>9007199254740993</t></is>');
    });
    it('writes everything in a string column as text', async () => {
      const c = cells(
        sheet1(
          await xlsx([{ a: 7, b: true }], {
            columns: [
              { key: 'a', type: 'string' },
              { key: 'b', type: 'string' },
            ],
          }),
        ),
      );
      expect(c.A2?.inner).toBe('<is><t>7</t></is>');
      expect(c.B2?.inner).toBe('<is><t>true</t></is>');
    });
  });

  describe('number formats', () => {
    it('formats integer 0, decimal 0.00, percent 0.00% with built-in formats', async () => {
      const p = await xlsx([{ i: 1, d: 2, p: 0.5 }], {
        columns: [
          { key: 'i', type: 'integer' },
          { key: 'd', type: 'decimal' },
          { key: 'p', type: 'percent' },
        ],
      });
      const c = cells(sheet1(p));
      const xfs = [...(p['xl/styles.xml'] as string).matchAll(/<xf numFmtId="(\d+)"[^>]*xfId="0"/g)].map((m) => Number(m[1]));
      const fmt = (ref: string) => xfs[Number(/s="(\d+)"/.exec(c[ref]?.attrs ?? '')?.[1] ?? 0)];
      expect([fmt('A2'), fmt('B2'), fmt('C2')]).toEqual([1, 2, 10]);
    });
    it('writes a column numFmt as a custom format', async () => {
      const p = await xlsx([{ a: 1234.5 }], { columns: [{ key: 'a', numFmt: '#,##0.000 "kg"' }] });
      expect(p['xl/styles.xml']).toContain('<numFmt numFmtId="164" formatCode="#,##0.000 &#34;kg&#34;"/>');
    });
  });

  describe('dates', () => {
    it('writes dates as serials from the wall clock in timeZone', async () => {
      const at = new Date('2024-01-15T23:30:00Z');
      const c = cells(sheet1(await xlsx([{ d: at }], { timeZone: 'Europe/Berlin', columns: [{ key: 'd', type: 'datetime' }] })));
      expect(Number(/<v>(.*)<\/v>/.exec(c.A2?.inner ?? '')?.[1])).toBeCloseTo(45307 + 0.5 / 24, 9); // 2024-01-16 00:30
    });
    it('writes whole days for date columns and never shifts a calendar date', async () => {
      const c = cells(
        sheet1(
          await xlsx([{ a: new Date('2024-01-15T20:00:00Z'), b: '2024-01-15' }], {
            timeZone: 'Pacific/Kiritimati',
            columns: [
              { key: 'a', type: 'date' },
              { key: 'b', type: 'date' },
            ],
          }),
        ),
      );
      expect(c.A2?.inner).toBe('<v>45307</v>'); // already the 16th in UTC+14
      expect(c.B2?.inner).toBe('<v>45306</v>');
    });
    it("honours Excel's 1900 leap-year quirk", async () => {
      const c = cells(
        sheet1(
          await xlsx([{ a: '1900-02-28', b: '1900-03-01' }], {
            columns: [
              { key: 'a', type: 'date' },
              { key: 'b', type: 'date' },
            ],
          }),
        ),
      );
      expect([c.A2?.inner, c.B2?.inner]).toEqual(['<v>59</v>', '<v>61</v>']);
    });
    it('writes dates before 1900 as text, with a warning', async () => {
      const warnings: RowportWarning[] = [];
      const c = cells(sheet1(await xlsx([{ born: '1815-12-10' }], { columns: [{ key: 'born', type: 'date' }], onWarning: (w) => warnings.push(w) })));
      expect(c.A2?.inner).toBe('<is><t>1815-12-10</t></is>');
      expect(warnings).toMatchObject([{ code: 'ROWPORT_DATE_AS_TEXT', row: 0, column: 'born', sheet: 'Sheet1' }]);
    });
    it.each([
      ['iso', 'yyyy-mm-dd'],
      ['us', 'mm/dd/yyyy'],
      ['eu', 'dd.mm.yyyy'],
    ])('shows date columns with the %s preset as %s', async (dateFormat, code) => {
      const p = await xlsx([{ d: '2024-01-15' }], { dateFormat, columns: [{ key: 'd', type: 'date' }] });
      expect(p['xl/styles.xml']).toContain(`formatCode="${code}"`);
    });
    it('rejects an invalid Date with row and column', async () => {
      await expect(readAll(toXlsx([{ d: new Date(1) }, { d: new Date(Number.NaN) }]))).rejects.toMatchObject({
        code: 'ROWPORT_INVALID_DATE',
        row: 1,
        column: 'd',
      });
    });
  });

  describe('text', () => {
    it('escapes markup, control characters and _xHHHH_ look-alikes, and keeps CR', async () => {
      const c = cells(sheet1(await xlsx([{ a: 'a<b>&\u0001_x0041_\r\n' }])));
      expect(c.A2?.inner).toBe('<is><t xml:space="preserve">a&lt;b&gt;&amp;_x0001__x005F_x0041_&#13;\n</t></is>');
    });
    it('preserves leading and trailing spaces', async () => {
      expect(cells(sheet1(await xlsx([{ a: '  x ' }]))).A2?.inner).toBe('<is><t xml:space="preserve">  x </t></is>');
    });
    it('truncates text past 32,767 characters with a warning naming row and column', async () => {
      const warnings: RowportWarning[] = [];
      const c = cells(sheet1(await xlsx([{ a: 'ok' }, { a: 'x'.repeat(40_000) }], { onWarning: (w) => warnings.push(w) })));
      expect(/<t>(x*)<\/t>/.exec(c.A3?.inner ?? '')?.[1]).toHaveLength(32_767);
      expect(warnings).toMatchObject([{ code: 'ROWPORT_TEXT_TRUNCATED', row: 1, column: 'a' }]);
    });
    it('replaces lone surrogates with a warning', async () => {
      const warnings: RowportWarning[] = [];
      const c = cells(sheet1(await xlsx([{ a: 'x\ud800y' }], { onWarning: (w) => warnings.push(w) })));
      expect(c.A2?.inner).toBe('<is><t>x\ufffdy</t></is>');
      expect(warnings).toMatchObject([{ code: 'ROWPORT_LONE_SURROGATE', row: 0, column: 'a' }]);
    });
    it('wraps text with a line break or wider than the column', async () => {
      const p = await xlsx([{ a: 'one\ntwo', b: 'x'.repeat(80), c: 'short' }]);
      const c = cells(sheet1(p));
      const wrapXf = [...(p['xl/styles.xml'] as string).matchAll(/<xf [^>]*?(\/>|>.*?<\/xf>)/g)].findIndex((m) => m[0].includes('wrapText="1"')) - 1; // minus the cellStyleXfs entry
      expect(c.A2?.attrs).toContain(`s="${wrapXf}"`);
      expect(c.B2?.attrs).toContain(`s="${wrapXf}"`);
      expect(c.C2?.attrs).not.toContain('s=');
    });
    it('does not wrap with wrapText: false', async () => {
      const p = await xlsx([{ a: 'one\ntwo' }], { wrapText: false });
      expect(p['xl/styles.xml']).not.toContain('wrapText');
    });
  });

  describe('look', () => {
    it('styles the header bold on a blue fill, freezes it and filters by default', async () => {
      const p = await xlsx([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]);
      expect(p['xl/styles.xml']).toContain('<b/>');
      expect(p['xl/styles.xml']).toContain('<fgColor rgb="FF4472C4"/>');
      expect(sheet1(p)).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(sheet1(p)).toContain('<autoFilter ref="A1:B3"/>');
      expect(p['xl/workbook.xml']).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Sheet1!$A$1:$B$3</definedName>');
    });
    it('takes header colours', async () => {
      const p = await xlsx([{ a: 1 }], { headerStyle: { fill: '#00ff00', color: '112233', bold: false } });
      expect(p['xl/styles.xml']).toContain('<fgColor rgb="FF00FF00"/>');
      expect(p['xl/styles.xml']).toContain('<color rgb="FF112233"/>');
      expect(p['xl/styles.xml']).not.toContain('<b/>');
    });
    it('switches each default off', async () => {
      const p = await xlsx([{ a: 1 }], { headerStyle: false, freezeHeader: false, autoFilter: false, autoFit: false });
      const s = sheet1(p);
      expect(s).not.toContain('<pane');
      expect(s).not.toContain('<autoFilter');
      expect(s).not.toContain('<cols>');
      expect(cells(s).A1?.attrs).toBe(' t="inlineStr"');
    });
    it('writes no header, pane or filter with header: false', async () => {
      const s = sheet1(await xlsx([{ a: 'x' }], { header: false }));
      expect(cells(s).A1?.inner).toBe('<is><t>x</t></is>');
      expect(s).not.toContain('<pane');
      expect(s).not.toContain('<autoFilter');
    });
    it('writes array rows without a header unless columns are given', async () => {
      expect(cells(sheet1(await xlsx([[1, 'a']]))).A1?.inner).toBe('<v>1</v>');
      expect(cells(sheet1(await xlsx([[1, 'a']], { columns: ['id', 'name'] }))).A1?.inner).toBe('<is><t>id</t></is>');
    });
    it('fits widths and keeps explicit ones', async () => {
      const s = sheet1(await xlsx([{ a: 'x'.repeat(20), b: 1 }], { columns: ['a', { key: 'b', width: 33 }] }));
      expect(s).toContain('<col min="1" max="1" width="22" customWidth="1"/>');
      expect(s).toContain('<col min="2" max="2" width="33" customWidth="1"/>');
    });
    it('fits widths from the first sampleRows rows only', async () => {
      const rows = [{ a: 'x' }, { a: 'x' }, { a: 'x'.repeat(30) }];
      const s = sheet1(await xlsx(rows, { autoFit: { sampleRows: 2, minWidth: 5, maxWidth: 20 } }));
      expect(s).toContain('<col min="1" max="1" width="5" customWidth="1"/>');
    });
  });

  describe('option `compressionLevel`', () => {
    it('deflates every part by default', async () => {
      expect(unzip(await readAll(toXlsx([{ a: 1 }]))).every((e) => e.method === 8)).toBe(true);
    });
    it('stores the parts with 0', async () => {
      expect(unzip(await readAll(toXlsx([{ a: 1 }], { compressionLevel: 0 }))).every((e) => e.method === 0)).toBe(true);
    });
    it('makes smaller files at 9 than at 1', async () => {
      const rows = Array.from({ length: 3000 }, (_, i) => ({ i, text: `row ${i} ${'abc'.repeat(i % 7)}` }));
      const size = async (compressionLevel: number) => (await readAll(toXlsx(rows, { compressionLevel }))).length;
      expect(await size(9)).toBeLessThan(await size(1));
    });
  });

  describe('option `sheetName`', () => {
    it('defaults to Sheet1', async () => {
      expect((await xlsx([{ a: 1 }]))['xl/workbook.xml']).toContain('name="Sheet1"');
    });
    it('repairs a name Excel would refuse, with a warning', async () => {
      const warnings: RowportWarning[] = [];
      const p = await xlsx([{ a: 1 }], { sheetName: 'Q1/Q2: [draft]', onWarning: (w) => warnings.push(w) });
      expect(p['xl/workbook.xml']).toContain('name="Q1_Q2_ _draft_"');
      expect(warnings).toMatchObject([{ code: 'ROWPORT_SHEET_RENAMED', sheet: 'Q1_Q2_ _draft_' }]);
    });
    it('escapes the name in XML', async () => {
      expect((await xlsx([{ a: 1 }], { sheetName: 'R&D "x"' }))['xl/workbook.xml']).toContain('name="R&#38;D &#34;x&#34;"');
    });
  });

  describe('rejected options', () => {
    it.each([
      ['headerStyle', 'blue'],
      ['headerStyle', { fill: 'blue' }],
      ['headerStyle', { color: 123 }],
      ['freezeHeader', 'yes'],
      ['autoFilter', 1],
      ['autoFit', 'auto'],
      ['autoFit', { sampleRows: -1 }],
      ['autoFit', { minWidth: 0 }],
      ['autoFit', { minWidth: 20, maxWidth: 10 }],
      ['wrapText', null],
      ['onRowLimit', 'split'],
      ['onWarning', 'log'],
      ['createdAt', '2024-01-01'],
      ['createdAt', new Date(Number.NaN)],
      ['creator', 5],
      ['compressionLevel', 10],
      ['compressionLevel', 1.5],
      ['sheetName', 7],
      ['timeZone', 'Mars/Olympus'],
      ['columns', 'a'],
    ])('rejects %s = %j at call time', (name, value) => {
      expect(() => toXlsx([], { [name]: value } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    });
    it.each([null, 42, 'rows'])('rejects rows = %j', (rows) => {
      expect(() => toXlsx(rows as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_SOURCE' }));
    });
  });
});
