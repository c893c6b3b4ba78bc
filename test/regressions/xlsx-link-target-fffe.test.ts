// A `url` value holding U+FFFE or U+FFFF was taken as a native link and written raw into the
// sheet's `.rels` part, where XML cannot hold it: openpyxl refused the whole workbook. Such a
// value is now not a link target: it is written as text, with ROWPORT_LINK_AS_TEXT.
import { expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { PY_XML_ERRORS, haveTool, python } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { saveTo, tempDir } from '../helpers/xlsx.js';

it.each(['auto', 'formula'] as const)('links: %s, a URL with U+FFFE is text and the file parses', async (links) => {
  const warnings: RowportWarning[] = [];
  const rows = [{ u: 'https://x.example/a\uFFFEb' }, { u: 'https://x.example/\uFFFF' }];
  const options = { columns: [{ key: 'u', type: 'url' as const }], links, onWarning: (w: RowportWarning) => warnings.push(w) };
  const p = parts(await readAll(toXlsx(rows, options)));
  expect(p['xl/worksheets/_rels/sheet1.xml.rels'] ?? '').not.toMatch(/[\uFFFE\uFFFF]/);
  expect(p['xl/worksheets/sheet1.xml']).not.toContain('<hyperlink ');
  expect(warnings.map((w) => [w.code, w.row])).toEqual([
    ['ROWPORT_LINK_AS_TEXT', 0],
    ['ROWPORT_LINK_AS_TEXT', 1],
  ]);
  if (!haveTool('openpyxl')) return;
  const path = await saveTo(tempDir(), 'fffe.xlsx', toXlsx(rows, { ...options, onWarning: undefined }));
  const read = python<{ errors: string[]; values: unknown[] }>(
    `${PY_XML_ERRORS}\nimport json, sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps({"errors": xml_errors(sys.argv[1]), "values": [ws["A2"].value, ws["A3"].value]}))`,
    null,
    [path],
  );
  expect(read.errors).toEqual([]);
  // the text as any cell holds U+FFFE: Excel's `_xFFFE_` escape, which openpyxl shows as it is
  expect(read.values).toEqual(['https://x.example/a_xFFFE_b', 'https://x.example/_xFFFF_']);
});
