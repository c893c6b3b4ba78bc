// A date-fns dateFormat with a control character or U+FFFE in a quoted literal (`yyyy'\u0000'`)
// became the number format `yyyy"&#0;"` in styles.xml: not XML, so Excel and openpyxl cannot open
// the file; one translating to over 255 characters is a code Excel refuses. The example service
// takes `dateFormat` from any client (`?dateFormat=yyyy'%00'` on an `.xlsx` download answered 200
// with such a file). Both are ROWPORT_INVALID_OPTION at the call now, as an explicit numFmt is.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { PYTHON } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

const columns = [{ key: 'at', type: 'date' as const }];
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('a dateFormat whose Excel number format XML or Excel cannot take', () => {
  it.each(["yyyy'\u0000'", "yyyy'\u0001'MM", "'\uFFFE'yyyy", "yyyy'\uFFFF'", `yyyy'${'x'.repeat(300)}'`])('refuses %j at the call', (dateFormat) => {
    expect(() => toXlsx([], { columns, dateFormat })).toThrow(invalid('dateFormat'));
    expect(() =>
      toWorkbook([
        { name: 'S', rows: [] },
        { name: 'T', rows: [], columns, dateFormat },
      ]),
    ).toThrow(invalid('sheets[1].dateFormat'));
  });

  it('writes a long literal that fits and a TAB, which XML holds, readable by openpyxl', async () => {
    const dateFormat = `yyyy'\t${'x'.repeat(200)}'`;
    const path = await saveTo(tempDir(), 'long.xlsx', toXlsx([{ at: '2024-01-15' }], { columns, dateFormat }));
    const read = 'import json, sys, openpyxl; c = openpyxl.load_workbook(sys.argv[1]).active["A2"]; print(json.dumps([c.value.isoformat(), c.number_format]))';
    expect(JSON.parse(execFileSync(PYTHON, ['-c', read, path], { encoding: 'utf8' }))).toEqual(['2024-01-15T00:00:00', `yyyy"\t${'x'.repeat(200)}"`]);
  });
});
