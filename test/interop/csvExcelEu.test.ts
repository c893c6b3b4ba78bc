import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { tempDir } from '../helpers/xlsx.js';

/**
 * `dialect: 'excel-eu'` read by LibreOffice with a German locale (the CSV filter's 6th token,
 * language 1031): numbers and dates must arrive as numbers and dates, not as text. The same file
 * imported as US English (1033) keeps them as text, which shows the locale is what reads them.
 */
describe.runIf(haveTool('soffice') && haveTool('openpyxl'))("toCsv dialect 'excel-eu' read by LibreOffice in German", () => {
  const dir = tempDir('rowport-eu-');
  afterAll(() => execFileSync('rm', ['-rf', dir]));

  const rows = [
    { total: 74.92, day: new Date(Date.UTC(2024, 0, 15)), qty: '-1234.50', big: 6.022e23, id: 42n, name: 'Müller; Söhne' },
    { total: -0.1, day: '1999-12-31', qty: '3', big: 1.5e-7, id: 12345678901234n, name: 'plain' },
  ];
  const columns = ['total', { key: 'day', type: 'date' as const }, { key: 'qty', type: 'decimal' as const }, 'big', 'id', 'name'];

  /** Imports `csv` with the given language and reads the first sheet back through openpyxl. */
  async function importAs(language: number): Promise<[string, unknown][][]> {
    const csvPath = join(dir, `eu-${language}.csv`);
    writeFileSync(csvPath, await readAll(toCsv(rows, { dialect: 'excel-eu', columns })));
    const out = join(dir, `out-${language}`);
    mkdirSync(out, { recursive: true });
    const profile = join(dir, `profile-${language}`);
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${profile}`, `--infilter=CSV:59,34,76,1,,${language}`, '--convert-to', 'xlsx', '--outdir', out, csvPath],
      { stdio: 'pipe', timeout: 300_000 },
    );
    return python<[string, unknown][][]>(
      `import json, sys, openpyxl
ws = openpyxl.load_workbook(json.load(sys.stdin)).active
print(json.dumps([[(c.data_type, c.value if c.data_type != 'd' else c.value.date().isoformat()) for c in r] for r in ws.iter_rows(min_row=2)]))`,
      join(out, `eu-${language}.xlsx`),
    );
  }

  it('reads numbers as numbers and dates as dates', async () => {
    expect(await importAs(1031)).toEqual([
      [
        ['n', 74.92],
        ['d', '2024-01-15'],
        ['n', -1234.5],
        ['n', 6.022e23],
        ['n', 42],
        ['s', 'Müller; Söhne'],
      ],
      [
        ['n', -0.1],
        ['d', '1999-12-31'],
        ['n', 3],
        ['n', 1.5e-7],
        ['n', 12345678901234],
        ['s', 'plain'],
      ],
    ]);
  });

  it('is text for an English locale (the control)', async () => {
    const cells = await importAs(1033);
    expect(cells[0]?.slice(0, 3)).toEqual([
      ['s', '74,92'],
      ['s', '15.01.2024'],
      ['s', '-1234,50'],
    ]);
  });
});
