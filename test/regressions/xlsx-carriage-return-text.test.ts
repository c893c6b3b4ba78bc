// A carriage return in XLSX text was written as `_x000D_` (which openpyxl returns as it is) or as a
// literal CR (which every XML parser reads as LF); it is now the character reference `&#13;` (#18).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const rows = [
  { name: 'one\rtwo', note: 'a\r\nb', f: 'cached\rvalue' },
  { name: '_xAceb\r', note: 'tab\tcr\r', f: 'z' },
];
const options = {
  sheetName: 'Data',
  creator: 'Ada\rLovelace',
  title: 'Title\rline',
  subtitle: 'Sub\rtitle',
  preamble: ['Pre\ramble'],
  table: true,
  columns: [
    { key: 'name', header: 'Name\rHead' },
    { key: 'note', header: 'Note' },
    { key: 'f', header: 'F', formula: '"x"' },
  ],
  headerFooter: { header: '&LLeft\rheader', footer: 'Foot\rer' },
  charts: [{ type: 'column' as const, title: 'Chart\rtitle', categories: 'name', series: ['f'], yAxisTitle: 'Axis\rtitle' }],
};

/** openpyxl's raw view: no `_xHHHH_` decoding of its own. */
const PY_READ = `
import json, sys, openpyxl
path = json.load(sys.stdin)
wb = openpyxl.load_workbook(path)
ws = wb['Data']
cached = [row[2].value for row in openpyxl.load_workbook(path, data_only=True)['Data'].iter_rows(min_row=6)]
def text(t):
    return ''.join(r.t for p in t.tx.rich.p for r in (p.r or []))
chart = ws._charts[0]
table = list(ws.tables.values())[0]
json.dump({
    'cells': [[c.value for c in row] for row in ws.iter_rows()],
    'cached': cached,
    'creator': wb.properties.creator,
    'header': ws.HeaderFooter.oddHeader.left.text, 'footer': ws.HeaderFooter.oddFooter.center.text,
    'chart': text(chart.title), 'axis': text(chart.y_axis.title),
    'tableColumns': [c.name for c in table.tableColumns],
}, sys.stdout)
`;

it('keeps CR in cells, headers, the title block, table columns, header/footer, charts and core.xml', async () => {
  if (!haveTool('openpyxl')) return;
  const path = await saveTo(tempDir(), 'carriage-return.xlsx', toXlsx(rows, options));
  const seen = python<Record<string, unknown>>(PY_READ, path);
  expect(seen).toEqual({
    cells: [
      ['Title\rline', null, null],
      ['Sub\rtitle', null, null],
      ['Pre\ramble', null, null],
      [null, null, null],
      ['Name\rHead', 'Note', 'F'],
      ['one\rtwo', 'a\r\nb', '="x"'],
      ['_xAceb\r', 'tab\tcr\r', '="x"'],
    ],
    cached: ['cached\rvalue', 'z'],
    creator: 'Ada\rLovelace',
    header: 'Left\rheader',
    footer: 'Foot\rer',
    chart: 'Chart\rtitle',
    axis: 'Axis\rtitle',
    tableColumns: ['Name\rHead', 'Note', 'F'],
  });
  if (!haveTool('soffice')) return;
  const fods = convertToFlatOds(path);
  // LibreOffice writes a CR it read as `&#x0d;`: cells, the chart title and the creator.
  for (const text of ['one&#x0d;two', 'a&#x0d;', '_xAceb&#x0d;', 'cr&#x0d;', 'Name&#x0d;Head', 'Title&#x0d;line', 'Chart&#x0d;title', 'Ada&#x0d;Lovelace']) {
    expect(fods).toContain(text);
  }
  expect(fods).not.toContain('_x000D_');
});

/** LibreOffice's flat ODS (one XML file) of a workbook. */
function convertToFlatOds(path: string): string {
  const out = tempDir('rowport-lo-');
  const profile = tempDir('rowport-lo-profile-');
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'fods', '--outdir', out, path], {
    stdio: 'pipe',
    timeout: 300_000,
  });
  return readFileSync(join(out, 'carriage-return.fods'), 'utf8');
}
