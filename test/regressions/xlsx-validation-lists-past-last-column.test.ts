import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Each dropdown list kept on the hidden `Lists` sheet takes a column of it, and a workbook with more
// than 16,384 such lists (distinct lists with a comma, over its sheets' columns) wrote the
// 16,385th in column XFE, past Excel's last column: its defined name pointed off the grid
// (`Lists!$XFE$1:$XFE$1`), a reference Excel cannot hold. The lists now go on as many hidden
// sheets as they need (`Lists`, `Lists (2)`), 16,384 to a sheet.
const COLUMNS = 8_193;

function sheet(n: number) {
  const row: Record<string, number> = {};
  const columns = [];
  for (let i = 0; i < COLUMNS; i++) {
    row[`c${i}`] = i;
    columns.push({ key: `c${i}`, validation: { list: [`${n}-${i}, first`, 'second'] } });
  }
  return { name: `S${n}`, rows: [row], columns };
}

describe('more hidden dropdown lists than a sheet has columns', () => {
  afterEach(removeTempDirs);

  it('are each on a hidden sheet within its last column, named as before', async () => {
    if (!haveTool('openpyxl')) return;
    const path = await saveTo(tempDir(), 'lists.xlsx', toWorkbook([sheet(1), sheet(2)]));
    const script = `import json,sys,openpyxl
from openpyxl.utils.cell import range_boundaries
wb=openpyxl.load_workbook(sys.argv[1])
out={"hidden":[ws.title for ws in wb if ws.sheet_state=="hidden"],"names":{}}
for d in wb.defined_names.definedName:
  if not d.name.startswith("RowportList"): continue
  (title,ref),=list(d.destinations)
  c0,r0,c1,r1=range_boundaries(ref)
  out["names"][d.name]=[c0, wb[title].cell(row=r0,column=c0).value, wb[title].cell(row=r1,column=c1).value]
print(json.dumps(out))`;
    const { hidden, names } = python<{ hidden: string[]; names: Record<string, [number, string, string]> }>(script, null, [path]);
    expect(hidden).toEqual(['Lists', 'Lists (2)']);
    expect(Object.keys(names)).toHaveLength(2 * COLUMNS);
    for (const [column, first, last] of Object.values(names)) {
      expect(column).toBeLessThanOrEqual(16_384);
      expect(last).toBe('second');
      expect(first).toMatch(/^\d-\d+, first$/);
    }
    expect(names.RowportList1?.[1]).toBe('1-0, first');
    expect(names[`RowportList${2 * COLUMNS}`]?.[1]).toBe(`2-${COLUMNS - 1}, first`);
  });
});
