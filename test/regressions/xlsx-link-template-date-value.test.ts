// A `link` template over a `Date` (`https://x.org/day/{at}`) put `Date#toString()` in the URL, so the bytes depended
// on the host's time zone; a Date is now written in the sheet's date format and zone, as in its cells (#18).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const at = new Date(Date.UTC(2024, 0, 15, 20, 30));
const rows = [{ id: 7, at, name: 'Ada' }];

async function sheetXml(stream: NodeJS.ReadableStream): Promise<string> {
  return parts(await readAll(stream as never))['xl/worksheets/sheet1.xml'] as string;
}

describe('link templates over dates', () => {
  it('write the date in the sheet date format and zone', async () => {
    const columns = [
      { key: 'name', link: 'https://x.org/day/{at}?id={id}' },
      { key: 'id', link: 'https://x.org/{at}' },
    ];
    // The formula form shows the targets in the sheet (#24 made links native; forced here).
    const iso = await sheetXml(toXlsx(rows, { columns, timeZone: 'Asia/Tokyo', links: 'formula' }));
    expect(iso).toContain('HYPERLINK("https://x.org/day/2024-01-16?id=7","Ada")');
    expect(iso).toContain('HYPERLINK("https://x.org/2024-01-16",7)');
    // an offset (XXX) has no Excel number format: no column here holds a date cell, so the pattern is taken
    const text = [{ key: 'name', type: 'string' as const, link: 'https://x.org/day/{at}?id={id}' }];
    const full = await sheetXml(
      toWorkbook([{ name: 'S', rows, columns: text, dateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX", timeZone: 'America/St_Johns', links: 'formula' }]),
    );
    expect(full).toContain('HYPERLINK("https://x.org/day/2024-01-15T17%3A00%3A00-03%3A30?id=7","Ada")');
  });

  it('give the same bytes in any host time zone', () => {
    const script = `import { toXlsx } from './src/index.ts';
      const chunks = [];
      for await (const c of toXlsx([{ at: new Date(Date.UTC(2024, 0, 15, 20, 30)), n: 'x' }], { columns: [{ key: 'n', link: 'https://x.org/{at}' }] })) chunks.push(c);
      process.stdout.write(Buffer.concat(chunks).toString('base64'));`;
    const run = (tz: string): string =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(run('Pacific/Kiritimati')).toBe(run('America/Los_Angeles'));
  });

  it('refuse an invalid Date in a template with ROWPORT_INVALID_DATE, naming the row and key', async () => {
    const bad = [
      { at, name: 'a' },
      { at: new Date(NaN), name: 'b' },
    ];
    await expect(readAll(toXlsx(bad, { columns: [{ key: 'name', link: 'https://x.org/{at}' }] }))).rejects.toMatchObject({
      code: 'ROWPORT_INVALID_DATE',
      row: 1,
      column: 'at',
    });
  });
});
