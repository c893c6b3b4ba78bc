import { describe, expect, it, vi } from 'vitest';
import { toXlsx } from '../../../src/index.js';
import { MAX_HELD_LINK_CHARS, MAX_SHEET_LINKS, SheetLinks } from '../../../src/xlsx/links/sheetLinks.js';
import type { PartContext } from '../../../src/xlsx/seam/feature.js';
import { readAll } from '../../helpers/streams.js';
import { parts } from '../../helpers/unzip.js';

vi.mock('../../../src/xlsx/xml/sheetXml.js', async (importOriginal) => ({ ...(await importOriginal<object>()), MAX_SHEET_ROWS: 10 }));

const part = (first: number, seen: string[] = []) =>
  ({
    addExternalRelationships: (_type: string, _count: number, targets: Iterable<string>) => {
      seen.push(...targets);
      return first;
    },
  }) as unknown as PartContext;

describe('SheetLinks', () => {
  it('holds at most 16 Mi target characters a sheet, then reports once and starts over with the next sheet', () => {
    const full: [number, string][] = [];
    const links = new SheetLinks((row, why) => full.push([row, why]));
    const long = `https://x.org/${'a'.repeat(2_079 - 14)}`;
    let taken = 0;
    while (links.add(`A${taken + 2}`, long, taken)) taken++;
    expect(taken).toBe(Math.floor(MAX_HELD_LINK_CHARS / long.length));
    expect(taken).toBeLessThan(MAX_SHEET_LINKS);
    expect(links.add('B1', 'https://x.org/b', taken + 1)).toBe(false);
    expect(full).toEqual([[taken, expect.stringContaining('characters')]]);
    const seen: string[] = [];
    const items = links.take(part(3, seen)).join('');
    expect(items.match(/<hyperlink /g)).toHaveLength(taken);
    expect(items.startsWith('<hyperlink ref="A2" r:id="rId3"/><hyperlink ref="A3" r:id="rId4"/>')).toBe(true);
    expect(items.endsWith(`<hyperlink ref="A${taken + 1}" r:id="rId${taken + 2}"/>`)).toBe(true);
    expect(seen).toEqual(Array.from({ length: taken }, () => long));
    expect(links.add('A2', long, 0)).toBe(true); // the next physical sheet
    expect(links.take(part(1))).toEqual(['<hyperlink ref="A2" r:id="rId1"/>']);
  });
});

describe('links on continued sheets (rows past the row limit, here 10)', () => {
  it('gives each physical sheet its own hyperlinks and relationships', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ u: `https://x.org/${i}` }));
    const p = parts(await readAll(toXlsx(rows, { columns: [{ key: 'u', type: 'url' }] })));
    for (const [sheet, first] of [
      [1, 0],
      [2, 9],
      [3, 18],
    ] as const) {
      const xml = p[`xl/worksheets/sheet${sheet}.xml`] ?? '';
      const refs = [...xml.matchAll(/<hyperlink ref="(A\d+)" r:id="rId(\d+)"\/>/g)].map((m) => [m[1], Number(m[2])]);
      const targets = [...(p[`xl/worksheets/_rels/sheet${sheet}.xml.rels`] ?? '').matchAll(/Id="rId(\d+)"[^>]*Target="([^"]*)"/g)].map((m) => [
        Number(m[1]),
        m[2],
      ]);
      const n = sheet === 3 ? 2 : 9;
      expect(refs).toEqual(Array.from({ length: n }, (_, i) => [`A${i + 2}`, i + 1]));
      expect(targets).toEqual(Array.from({ length: n }, (_, i) => [i + 1, `https://x.org/${first + i}`]));
    }
  });
});
