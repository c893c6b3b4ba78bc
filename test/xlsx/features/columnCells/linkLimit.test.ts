import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RowportWarning, toXlsx } from '../../../../src/index.js';
import { PY_XML_ERRORS, haveTool, python } from '../../../helpers/tools.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../../../helpers/xlsx.js';

// Excel takes at most 65,530 hyperlinks a sheet: the links past them are HYPERLINK formulas (#24).
const ROWS = 65_600;
const LIMIT = 65_530;
const target = (i: number): string => `https://school.example/students/${i}?tab=grades`;
const rows = Array.from({ length: ROWS }, (_, i) => ({ id: i, profile: i % 2 === 0 ? target(i) : { text: `Student ${i}`, url: target(i) } }));
const options = { columns: ['id', { key: 'profile', type: 'url' as const }] };

/**
 * openpyxl's view: per row, the cell's value and its hyperlink target; and whether every XML part
 * parses. openpyxl finds each link's relationship by a linear search (RelationshipList.__getitem__:
 * 65,530 links take minutes); the same lookup by a dict of the ids keeps the test short.
 */
const PY_LINKS = `${PY_XML_ERRORS}
import json, sys, openpyxl
from openpyxl.packaging.relationship import RelationshipList
def by_id(self, key):
    ids = self.__dict__.get('_by_id')
    if ids is None or len(ids) != len(self.Relationship):
        ids = self.__dict__['_by_id'] = {r.Id: r for r in self.Relationship}
    if key not in ids: raise KeyError("Unknown relationship: {0}".format(key))
    return ids[key]
RelationshipList.__getitem__ = by_id
path = json.load(sys.stdin)
ws = openpyxl.load_workbook(path).worksheets[0]
cells = [[c.value, c.hyperlink.target if c.hyperlink is not None else None] for (c,) in ws.iter_rows(min_row=2, min_col=2, max_col=2)]
json.dump({'cells': cells, 'links': sum(1 for c in cells if c[1] is not None), 'errors': xml_errors(path)}, sys.stdout)
`;

describe('a sheet with more links than Excel takes', () => {
  let path: string;
  const warnings: RowportWarning[] = [];
  beforeAll(async () => {
    path = await saveTo(tempDir(), 'many-links.xlsx', toXlsx(rows, { ...options, onWarning: (w) => warnings.push(w) }));
  });
  afterAll(removeTempDirs);

  it('warns once, at the first link past the limit', () => {
    expect(warnings).toEqual([expect.objectContaining({ code: 'ROWPORT_LINK_AS_FORMULA', row: LIMIT, sheet: 'Sheet1' })]);
  });

  it('reads back in openpyxl: the first 65,530 as hyperlinks, the rest as HYPERLINK formulas', ({ skip }) => {
    if (!haveTool('openpyxl')) return skip();
    const { cells, links, errors } = python<{ cells: [string, string | null][]; links: number; errors: string[] }>(PY_LINKS, path);
    expect(errors).toEqual([]);
    expect(links).toBe(LIMIT);
    expect(cells).toHaveLength(ROWS);
    const wrong: number[] = [];
    cells.forEach(([value, link], i) => {
      const text = i % 2 === 0 ? target(i) : `Student ${i}`;
      const ok =
        i < LIMIT
          ? value === text && link === target(i)
          : link === null && value === (i % 2 === 0 ? `=HYPERLINK("${target(i)}")` : `=HYPERLINK("${target(i)}","${text}")`);
      if (!ok) wrong.push(i);
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('converts in LibreOffice, every row with its text', ({ skip }) => {
    if (!haveTool('soffice')) return skip();
    const csv = Object.values(convertWithLibreOffice([path])[path] ?? {})[0] ?? '';
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    const wrong = lines.slice(1).filter((line, i) => line !== `${i},${i % 2 === 0 ? target(i) : `Student ${i}`}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
