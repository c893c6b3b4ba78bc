import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { unzip } from '../helpers/unzip.js';

/** Slow (a million rows): runs in CI, or locally with ROWPORT_SLOW=1. */
const slow = Boolean(process.env.CI || process.env.ROWPORT_SLOW);
if (!slow) console.warn('\n--- rowLimit.slow.test.ts skipped: set ROWPORT_SLOW=1 to prove the 1,048,576-row rollover ---\n');

function* rows(n: number) {
  for (let i = 0; i < n; i++) yield [i];
}

describe.runIf(slow)('row limit at 1,048,576 rows', () => {
  it('continues on Name (2) with the header repeated', { timeout: 600_000 }, async () => {
    const total = 1_048_576 + 99; // 1,048,575 data rows fit under the header
    const zip = await readAll(toXlsx(rows(total), { sheetName: 'Big', columns: [{ key: '0', header: 'n' }], autoFit: false }));
    const entries = Object.fromEntries(unzip(zip).map((e) => [e.name, e.data]));
    expect(entries['xl/workbook.xml']?.toString()).toContain('<sheet name="Big (2)" sheetId="2" r:id="rId2"/>');
    const first = entries['xl/worksheets/sheet1.xml'] as Buffer;
    const tail = first.subarray(first.length - 300).toString();
    expect(tail).toContain('<row r="1048576"><c r="A1048576"><v>1048574</v></c></row></sheetData>');
    const second = (entries['xl/worksheets/sheet2.xml'] as Buffer).toString();
    expect(second).toMatch(/<row r="1"><c r="A1"[^>]*><is><t>n<\/t><\/is><\/c><\/row><row r="2"><c r="A2"><v>1048575<\/v><\/c><\/row>/);
    expect(second).toContain('<row r="101"><c r="A101"><v>1048674</v></c></row></sheetData>'); // 100 rows past the first sheet
  });
});
