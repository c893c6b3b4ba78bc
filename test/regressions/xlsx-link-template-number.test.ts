import { afterEach, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { parts } from '../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

// Issue 12: a `link` template on a column of numbers wrote each number as the text of its link
// (`HYPERLINK("…","12.5")`, cached as the text "12.5"): the plain column's numbers became text
// that Excel flags, cannot sum, and shows without the column's number format (12.50). A finite
// number (or a bigint or numeric string a double holds, as in plain cells) is now the link's value
// as a number (`HYPERLINK("…",12.5)`), in the column's format.
afterEach(removeTempDirs);

it('keeps numbers in a link column numbers, in the column format', async () => {
  const rows = [{ id: 7, score: 12.5, label: 3, total: '12.50', count: 4n }];
  // The formula form (#24 made links native; forced here, as past 65,530 links a sheet).
  const options = {
    links: 'formula' as const,
    columns: [
      { key: 'score', type: 'decimal' as const, link: 'https://school.example/s/{id}' },
      { key: 'label', type: 'string' as const, link: 'https://school.example/s/{id}' },
      { key: 'total', type: 'decimal' as const, link: 'https://school.example/s/{id}' },
      { key: 'count', link: 'https://school.example/s/{id}' },
    ],
  };
  const p = parts(await readAll(toXlsx(rows, options)));
  const sheet = p['xl/worksheets/sheet1.xml'] ?? '';
  const a2 = /<c r="A2" s="(\d+)"><f>HYPERLINK\("https:\/\/school\.example\/s\/7",12\.5\)<\/f><v>12\.5<\/v><\/c>/.exec(sheet);
  expect(a2).not.toBeNull();
  const xf = [...(p['xl/styles.xml'] ?? '').matchAll(/<xf numFmtId="(\d+)" fontId="(\d+)"/g)].slice(1)[Number(a2?.[1])];
  expect(xf?.[1]).toBe('2'); // 0.00
  expect(xf?.[2]).not.toBe('0'); // the link's font
  expect(sheet).toContain('<f>HYPERLINK("https://school.example/s/7","3")</f><v>3</v>'); // a string column's text
  expect(sheet).toMatch(/<c r="C2" s="\d+"><f>HYPERLINK\("https:\/\/school\.example\/s\/7",12\.5\)<\/f><v>12\.5<\/v><\/c>/); // a numeric string
  expect(sheet).toMatch(/<c r="D2" s="\d+"><f>HYPERLINK\("https:\/\/school\.example\/s\/7",4\)<\/f><v>4<\/v><\/c>/); // a bigint
  if (!haveTool('soffice')) return;
  const path = await saveTo(tempDir(), 'link-number.xlsx', toXlsx(rows, options));
  expect(Object.values(convertWithLibreOffice([path])[path] ?? {})[0]).toBe('score,label,total,count\n12.5,3,12.5,4\n');
});
