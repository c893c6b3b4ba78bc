import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWorkbook } from '../../src/index.js';
import { jpeg, png } from '../helpers/images.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python, PY_XML_ERRORS, requireTool } from '../helpers/tools.js';
import { removeTempDirs, tempDir } from '../helpers/xlsx.js';

const rows = Array.from({ length: 8 }, (_, i) => ({ name: `Class ${i}`, score: 60 + i }));
const logo = png(160, 48);
const photo = jpeg(120, 90, [20, 160, 60]);

/** One xlsx with a logo on two sheets, a PNG and a JPEG picture and a chart sharing a drawing. */
const book = () =>
  toWorkbook([
    {
      name: 'Scores',
      rows,
      title: 'Scores by class',
      logo: { image: logo, altText: 'Rowport' },
      images: [
        { image: photo, cell: 'D6', altText: 'A green square' },
        { image: png(40, 40), cell: 'D12' },
      ],
      charts: [{ type: 'column', categories: 'name', series: ['score'], anchor: 'H6' }],
    },
    { name: 'Again', rows, title: 'Again', logo: { image: logo } },
  ]);

let dir: string;
let path: string;
beforeAll(async () => {
  dir = tempDir('rowport-images-lo-');
  path = join(dir, 'pictures.xlsx');
  writeFileSync(path, await readAll(book()));
});
afterAll(removeTempDirs);

const havePoppler = () => requireTool('pdfimages', () => spawnSync('sh', ['-c', 'command -v pdfimages'], { encoding: 'utf8' }).status === 0);

describe('pictures printed by LibreOffice', () => {
  it('the PDF of the workbook holds the logo on each sheet and every picture', ({ skip }) => {
    if (!haveTool('soffice') || !havePoppler()) return skip();
    const profile = join(dir, 'profile');
    mkdirSync(profile, { recursive: true });
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', dir, path], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const list = execFileSync('pdfimages', ['-list', join(dir, 'pictures.pdf')], { encoding: 'utf8' });
    // page num type width height …: one line per image drawn (after two header lines).
    const images = list
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image')
      .map((cols) => `${cols[3]}x${cols[4]}`)
      .sort();
    expect(images).toEqual(['120x90', '160x48', '160x48', '40x40'].sort());
  });
});

describe('picture parts', () => {
  it('every XML part parses, and openpyxl opens the workbook', ({ skip }) => {
    if (!haveTool('openpyxl')) return skip();
    const script = `${PY_XML_ERRORS}
import json, sys, openpyxl
path = json.load(sys.stdin)
wb = openpyxl.load_workbook(path)
json.dump({'errors': xml_errors(path), 'images': [len(ws._images) for ws in wb.worksheets], 'charts': [len(ws._charts) for ws in wb.worksheets]}, sys.stdout)
`;
    expect(python(script, path)).toEqual({ errors: [], images: [3, 1], charts: [1, 0] });
  });
});
