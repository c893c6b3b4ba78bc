import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageSpec, toWorkbook, toXlsx } from '../../../../src/index.js';
import { jpeg, png } from '../../../helpers/images.js';
import { readAll } from '../../../helpers/streams.js';
import { haveTool, python } from '../../../helpers/tools.js';
import { parts, unzip } from '../../../helpers/unzip.js';
import { removeTempDirs, tempDir } from '../../../helpers/xlsx.js';

/** openpyxl's view of each sheet's pictures, and the zip's media parts and content types. */
const PY_READ = `
import json, sys, zipfile, openpyxl
out = {}
for path in json.load(sys.stdin):
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        sheets[ws.title] = [{
            'format': img.format.lower(), 'pixels': [img.width, img.height],
            'from': [img.anchor._from.col, img.anchor._from.row],
            'ext': [img.anchor.ext.width, img.anchor.ext.height],
            'descr': img.anchor.pic.nvPicPr.cNvPr.descr,
            'name': img.anchor.pic.nvPicPr.cNvPr.name,
        } for img in ws._images]
    z = zipfile.ZipFile(path)
    media = sorted(n for n in z.namelist() if n.startswith('xl/media/'))
    out[path] = {'sheets': sheets, 'media': media, 'charts': {ws.title: len(ws._charts) for ws in wb.worksheets}}
json.dump(out, sys.stdout)
`;

interface PyImage {
  format: string;
  pixels: [number, number];
  from: [number, number];
  ext: [number, number];
  descr: string | null;
  name: string;
}
interface PyBook {
  sheets: Record<string, PyImage[]>;
  media: string[];
  charts: Record<string, number>;
}

const EMU = 9525;
const rows = Array.from({ length: 6 }, (_, i) => ({ name: `c${i}`, score: i * 2 }));
const logo = png(120, 40);
const photo = jpeg(64, 48);
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

const cases = {
  sizes: () =>
    toXlsx(rows, {
      images: [
        { image: logo, cell: 'D2', altText: 'Company logo & "name"' },
        { image: photo, cell: 'D6', width: 128 },
        { image: logo, cell: 'H2', height: 20 },
        { image: photo, cell: 'AA100', width: 30, height: 300 },
      ],
      charts: [{ type: 'column', categories: 'name', series: ['score'], anchor: 'J10' }],
    }),
  shared: () =>
    toWorkbook([
      { name: 'One', rows, images: [{ image: logo, cell: 'D2' }] },
      {
        name: 'Two',
        rows,
        images: [
          { image: Buffer.from(logo), cell: 'E3' },
          { image: new Uint8Array(photo), cell: 'E9' },
          { image: logo, cell: 'E20' },
        ],
      },
      { name: 'None', rows },
    ]),
};

let dir: string;
const files: Record<string, string> = {};
let py: Record<string, PyBook> | undefined;

beforeAll(async () => {
  dir = tempDir('rowport-images-');
  for (const [name, make] of Object.entries(cases)) {
    files[name] = join(dir, `${name}.xlsx`);
    writeFileSync(files[name], await readAll(make()));
  }
  if (haveTool('openpyxl')) py = python(PY_READ, Object.values(files));
});
afterAll(removeTempDirs);

describe('sheet option `images`, read back by openpyxl', () => {
  it('anchors each picture at its cell, at its own size or the size asked, aspect kept when one side is given', ({ skip }) => {
    if (!py) return skip();
    const book = py[files.sizes!]!;
    expect(book.sheets.Sheet1).toEqual([
      { format: 'png', pixels: [120, 40], from: [3, 1], ext: [120 * EMU, 40 * EMU], descr: 'Company logo & "name"', name: 'Picture 1' },
      { format: 'jpeg', pixels: [64, 48], from: [3, 5], ext: [128 * EMU, 96 * EMU], descr: null, name: 'Picture 2' },
      { format: 'png', pixels: [120, 40], from: [7, 1], ext: [60 * EMU, 20 * EMU], descr: null, name: 'Picture 3' },
      { format: 'jpeg', pixels: [64, 48], from: [26, 99], ext: [30 * EMU, 300 * EMU], descr: null, name: 'Picture 4' },
    ]);
    // Pictures and the chart share the sheet's one drawing.
    expect(book.charts.Sheet1).toBe(1);
    expect(book.media).toEqual(['xl/media/image1.png', 'xl/media/image2.jpeg']);
  });

  it('stores the same bytes once, however many sheets and anchors use them', ({ skip }) => {
    if (!py) return skip();
    const book = py[files.shared!]!;
    expect(book.media).toEqual(['xl/media/image1.png', 'xl/media/image2.jpeg']);
    expect(book.sheets.One!.map((i) => i.from)).toEqual([[3, 1]]);
    expect(book.sheets.Two!.map((i) => [i.format, ...i.from])).toEqual([
      ['png', 4, 2],
      ['jpeg', 4, 8],
      ['png', 4, 19],
    ]);
    expect(book.sheets.None).toEqual([]);
  });

  it('types the images by extension in [Content_Types].xml, one drawing part per sheet', async () => {
    const p = parts(await readAll(cases.shared()));
    const types = p['[Content_Types].xml']!;
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>');
    expect(types).toContain('<Default Extension="jpeg" ContentType="image/jpeg"/>');
    expect(types).not.toContain('/xl/media/');
    expect(Object.keys(p).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toEqual(['xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml']);
    const media = unzip(await readAll(cases.shared())).find((e) => e.name === 'xl/media/image1.png');
    expect(media?.data.equals(logo)).toBe(true);
  });

  it('keeps the bytes as they were at the call', async () => {
    const bytes = Buffer.from(logo);
    const stream = toXlsx(rows, { images: [{ image: bytes, cell: 'A1' }] });
    bytes.fill(0);
    const media = unzip(await readAll(stream)).find((e) => e.name === 'xl/media/image1.png');
    expect(media?.data.equals(logo)).toBe(true);
  });
});

describe('sheet option `images` refuses bad input at the call, before any row is read', () => {
  it.each([
    ['bytes that are no image', { image: Buffer.from('not an image at all'), cell: 'B2' }, 'images[0].image'],
    ['a truncated PNG header', { image: logo.subarray(0, 16), cell: 'B2' }, 'images[0].image'],
    ['a truncated JPEG header', { image: photo.subarray(0, 10), cell: 'B2' }, 'images[0].image'],
    ['a string instead of bytes', { image: 'logo.png', cell: 'B2' }, 'images[0].image'],
    ['a bad cell', { image: logo, cell: 'B0' }, 'images[0].cell'],
    ['no cell', { image: logo }, 'images[0].cell'],
    ['a width of 0', { image: logo, cell: 'B2', width: 0 }, 'images[0].width'],
    ['a height that is not a number', { image: logo, cell: 'B2', height: '40px' }, 'images[0].height'],
    ['alt text that is not a string', { image: logo, cell: 'B2', altText: 5 }, 'images[0].altText'],
  ])('%s', (_, spec, option) => {
    let pulled = 0;
    const source = (function* () {
      pulled++;
      yield* rows;
    })();
    expect(() => toXlsx(source, { images: [spec as unknown as ImageSpec] })).toThrow(invalid(option));
    expect(pulled).toBe(0);
  });

  it('an unknown key, with the closest one', () => {
    expect(() => toXlsx(rows, { images: [{ image: logo, cell: 'B2', alt: 'x' } as unknown as ImageSpec] })).toThrow(
      /Unknown option `images\[0\]\.alt`.*altText/,
    );
  });

  it('not an array', () => {
    expect(() => toXlsx(rows, { images: { image: logo, cell: 'B2' } as unknown as ImageSpec[] })).toThrow(invalid('images'));
  });

  it('in a sheet of toWorkbook, naming the sheet', () => {
    expect(() =>
      toWorkbook([
        { name: 'A', rows, images: [{ image: logo, cell: 'B2' }] },
        { name: 'B', rows, images: [{ image: Buffer.from([0x47, 0x49, 0x46, 0x38]), cell: 'B2' }] },
      ]),
    ).toThrow(invalid('sheets[1].images[0].image'));
  });
});
