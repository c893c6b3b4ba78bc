import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a `link` template on a date column wrote a Date as a plain date with no link, and a
// date string as text (no longer a date); a `mailto:{email}` template wrote `ada%40example.com`.
// Now a date stays a date (`HYPERLINK(url,serial)` in the date format) and the `@` of an address stays.
const rows = [{ id: 7, day: new Date(Date.UTC(2024, 0, 5)), due: '2024-02-01', email: 'ada@example.com' }];
const columns = [
  { key: 'day', type: 'date' as const, link: 'https://school.example/days/{id}' },
  { key: 'due', type: 'date' as const, link: 'https://school.example/due/{id}' },
  { key: 'email', link: 'mailto:{email}' },
];

describe('link templates on dates and addresses', () => {
  afterEach(removeTempDirs);

  it('keep a date a date, and the @ of an address', async () => {
    // The formula form (#24 made links native; forced here, as past 65,530 links a sheet).
    const sheet = parts(await readAll(toXlsx(rows, { columns, links: 'formula' })))['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toMatch(/<c r="A2" s="\d+"><f>HYPERLINK\("https:\/\/school.example\/days\/7",45296\)<\/f><v>45296<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="B2" s="\d+"><f>HYPERLINK\("https:\/\/school.example\/due\/7",45323\)<\/f><v>45323<\/v><\/c>/);
    expect(sheet).toContain('HYPERLINK("mailto:ada@example.com","ada@example.com")');
  });

  it('read back as dates in LibreOffice', async () => {
    if (!haveTool('soffice')) return;
    const path = await saveTo(tempDir(), 'link-dates.xlsx', toXlsx(rows, { columns }));
    expect(convertWithLibreOffice([path])[path]?.Sheet1?.trim().split('\n')[1]).toBe('2024-01-05,2024-02-01,ada@example.com');
  });
});
