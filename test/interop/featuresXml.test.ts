import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { PY_XML_ERRORS, haveTool, python } from '../helpers/tools.js';

/** Parses every XML part with expat, then opens the workbook with openpyxl: table column names must equal the header cells. */
const PY_CHECK = `${PY_XML_ERRORS}
import json, sys, openpyxl
out = []
for path in json.load(sys.stdin):
    errors = xml_errors(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    t = list(ws.tables.values())[0]
    first = int(t.ref.split(':')[0][1:])
    headers = [ws.cell(row=first, column=i + 1).value for i in range(len(t.tableColumns))]
    out.append({'errors': errors, 'names': [c.name for c in t.tableColumns], 'headers': headers, 'title': ws['A1'].value})
json.dump(out, sys.stdout)
`;
import { tempDir } from '../helpers/tempDir.js';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 30 }));

const dir = tempDir('rowport-features-xml-').dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workbook features with any text stay well-formed XML', () => {
  it('headers, titles, preamble, link texts, formula text and rule texts of any characters', async ({ skip }) => {
    if (!haveTool('openpyxl')) return skip();
    const samples = fc.sample(
      fc.record({
        headers: fc.array(anyText, { minLength: 1, maxLength: 4 }),
        title: anyText,
        line: anyText,
        link: anyText,
        contains: text.filter((s) => s.length > 0),
        label: text,
      }),
      { numRuns: 40, seed: 20261128 },
    );
    const paths: string[] = [];
    for (const [i, s] of samples.entries()) {
      const columns = s.headers.map((header, c) => ({ key: `k${c}`, header }));
      const rows = [
        { k0: 1, url: { text: s.link, url: 'https://x.org/?q=a&b="c"' } },
        { k0: 2, url: s.link },
      ];
      const stream = toXlsx(rows, {
        title: s.title,
        preamble: [s.line],
        columns: [...columns, { key: 'url', type: 'url' }, { key: 'f', formula: `LEN("${s.line.replace(/"/g, '""').slice(0, 50)}")+{r}` }],
        table: { totals: { k0: s.label === '' ? 'sum' : s.label } },
        conditionalFormats: [{ type: 'text', column: 'k0', contains: s.contains.slice(0, 255), style: { bold: true } }],
      });
      const path = join(dir, `f${i}.xlsx`);
      writeFileSync(path, await readAll(stream));
      paths.push(path);
    }
    const results = python<{ errors: string[]; names: string[]; headers: string[] }[]>(PY_CHECK, paths);
    for (const [i, r] of results.entries()) {
      expect(r.errors, JSON.stringify(samples[i])).toEqual([]);
      expect(r.headers, JSON.stringify(samples[i])).toEqual(r.names);
    }
  }, 120_000);
});
