import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LogoOptions, toWorkbook, toXlsx } from '../../../../src/index.js';
import { png } from '../../../helpers/images.js';
import { readAll } from '../../../helpers/streams.js';
import { haveTool, python } from '../../../helpers/tools.js';
import { removeTempDirs, tempDir } from '../../../helpers/xlsx.js';

// A sheet rolls over at 10 rows here, as in test/xlsx/rowLimit.test.ts.
vi.mock('../../../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

/** openpyxl's view of each sheet: its pictures, row heights, the first cells and merges. */
const PY_READ = `
import json, sys, zipfile, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        sheets[ws.title] = {
            'images': [{'from': [i.anchor._from.col, i.anchor._from.row], 'off': [i.anchor._from.colOff, i.anchor._from.rowOff],
                        'ext': [i.anchor.ext.width, i.anchor.ext.height], 'descr': i.anchor.pic.nvPicPr.cNvPr.descr} for i in ws._images],
            'heights': {r: ws.row_dimensions[r].height for r in range(1, 6)},
            'a': [ws.cell(row=r, column=1).value for r in range(1, 7)],
            'merged': sorted(str(m) for m in ws.merged_cells.ranges),
            'freeze': ws.freeze_panes,
        }
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith('xl/media/')]
    out[path] = {'sheets': sheets, 'media': media}
json.dump(out, sys.stdout)
`;

interface PySheet {
  images: { from: [number, number]; off: [number, number]; ext: [number, number]; descr: string | null }[];
  heights: Record<string, number | null>;
  a: unknown[];
  merged: string[];
  freeze: string | null;
}

const EMU = 9525;
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, score: i }));
const logo = png(200, 60);
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

const cases = {
  withTitle: () => toXlsx(rows(3), { title: 'Report', subtitle: 'Made today', logo: { image: logo, height: 30, altText: 'Rowport' } }),
  alone: () => toXlsx(rows(3), { logo: { image: logo } }),
  // 10 rows a sheet here: 4 above the header (logo, title, empty, … header), so the 12 rows continue on 'Sheet1 (2)'.
  continued: () => toWorkbook([{ name: 'Sheet1', rows: rows(12), title: 'Long', logo: { image: logo, width: 100 } }]),
};

let dir: string;
const files: Record<string, string> = {};
let py: Record<string, { sheets: Record<string, PySheet>; media: string[] }> | undefined;

beforeAll(async () => {
  dir = tempDir('rowport-logo-');
  for (const [name, make] of Object.entries(cases)) {
    files[name] = join(dir, `${name}.xlsx`);
    writeFileSync(files[name], await readAll(make()));
  }
  if (haveTool('openpyxl')) py = python(PY_READ, Object.values(files));
});
afterAll(removeTempDirs);

describe('title block `logo`, read back by openpyxl', () => {
  it('sits in a row of its own above the title, tall enough for it, so it covers neither the text nor the table', ({ skip }) => {
    if (!py) return skip();
    const sheet = py[files.withTitle!]!.sheets.Sheet1!;
    expect(sheet.images).toEqual([{ from: [0, 0], off: [4 * EMU, 4 * EMU], ext: [100 * EMU, 30 * EMU], descr: 'Rowport' }]);
    // 30 pixels and 4 above and below: 38 pixels, 28.5 points; the title and subtitle follow.
    expect(sheet.heights['1']).toBe(28.5);
    expect(sheet.a).toEqual([null, 'Report', 'Made today', null, 'name', 'c0']);
    expect(sheet.merged).toEqual(['A2:B2', 'A3:B3']);
    expect(sheet.freeze).toBe('A6');
  });

  it('makes a block of its own without a title, at its own size', ({ skip }) => {
    if (!py) return skip();
    const sheet = py[files.alone!]!.sheets.Sheet1!;
    expect(sheet.images).toEqual([{ from: [0, 0], off: [4 * EMU, 4 * EMU], ext: [200 * EMU, 60 * EMU], descr: null }]);
    expect(sheet.heights['1']).toBe(51);
    expect(sheet.a).toEqual([null, null, 'name', 'c0', 'c1', 'c2']);
  });

  it('is repeated on each part of a sheet continued past the row limit, its image stored once', ({ skip }) => {
    if (!py) return skip();
    const book = py[files.continued!]!;
    expect(Object.keys(book.sheets)).toEqual(['Sheet1', 'Sheet1 (2)']);
    for (const sheet of Object.values(book.sheets)) {
      expect(sheet.images).toEqual([{ from: [0, 0], off: [4 * EMU, 4 * EMU], ext: [100 * EMU, 30 * EMU], descr: null }]);
      expect(sheet.a.slice(0, 4)).toEqual([null, 'Long', null, 'name']);
    }
    expect(book.media).toEqual(['xl/media/image1.png']);
  });
});

describe('title block `logo` refuses bad input at the call', () => {
  it.each([
    ['bytes that are no image', { image: Buffer.from('GIF89a') }, 'logo.image'],
    ['a picture too tall for a row, at its own size', { image: png(10, 600) }, 'logo.image'],
    ['a height too tall for a row', { image: logo, height: 538 }, 'logo.height'],
    ['a width that makes it too tall', { image: png(10, 100), width: 60 }, 'logo.width'],
    ['a negative width', { image: logo, width: -5 }, 'logo.width'],
  ])('%s', (_, spec, option) => {
    expect(() => toXlsx(rows(1), { title: 'T', logo: spec as LogoOptions })).toThrow(invalid(option));
  });

  it('a logo that is not an object, or an unknown key', () => {
    expect(() => toXlsx(rows(1), { logo: logo as unknown as LogoOptions })).toThrow(invalid('logo'));
    expect(() => toXlsx(rows(1), { logo: { image: logo, cell: 'A1' } as unknown as LogoOptions })).toThrow(/Unknown option `logo\.cell`/);
  });

  it('in a sheet of toWorkbook, naming the sheet', () => {
    expect(() =>
      toWorkbook([
        { name: 'A', rows: rows(1) },
        { name: 'B', rows: rows(1), logo: { image: Buffer.alloc(3) } },
      ]),
    ).toThrow(invalid('sheets[1].logo.image'));
  });

  it('the tallest logo a row holds is taken', () => {
    expect(() => toXlsx(rows(1), { logo: { image: logo, height: 537 } })).not.toThrow();
  });
});
