import { expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 12: a formula column's cached value and format did not follow its column as its plain
// cells do. A Date value (a `date`/`datetime` column, or a Date in an untyped one) got no cached
// value and no date format, so the formula showed a bare serial such as 45307; a `date` column's
// formula without a value (`TODAY()`) and a `percent` one without a value had no format at all; a
// bigint got no cached value; a numeric string in an `integer` column was cached as text ('007').
// The cell now has the format its column's plain cells have, a date is cached as the serial of the
// sheet's time zone, a bigint or numeric string as its number (its exact digits when a double cannot hold them).
// Cached text over 32,767 characters (which no cell holds) is cut, with the warnings plain cells give.
const when = new Date('2024-01-15T23:30:00Z'); // 2024-01-16 00:30 in Berlin

it('caches values and formats a formula column like its plain cells', async () => {
  const rows = [{ when, share: 0.5, s: '007', big: 42n, huge: 12345678901234567890n }];
  const columns = [
    { key: 'when', type: 'date' as const },
    { key: 'share', type: 'percent' as const },
    { key: 's', type: 'integer' as const },
    { key: 'big' },
    { key: 'f1', type: 'date' as const, formula: 'A{r}', value: (r: (typeof rows)[0]) => r.when },
    { key: 'f2', type: 'datetime' as const, formula: 'A{r}', value: (r: (typeof rows)[0]) => r.when },
    { key: 'f3', formula: 'A{r}', value: (r: (typeof rows)[0]) => r.when },
    { key: 'f4', type: 'date' as const, formula: 'TODAY()' },
    { key: 'f5', type: 'percent' as const, formula: 'B{r}' },
    { key: 'f6', type: 'integer' as const, formula: 'C{r}', value: (r: (typeof rows)[0]) => r.s },
    { key: 'f7', formula: 'D{r}', value: (r: (typeof rows)[0]) => r.big },
    { key: 'f8', formula: 'D{r}', value: (r: (typeof rows)[0]) => r.huge },
  ];
  const p = parts(await readAll(toXlsx(rows, { columns, timeZone: 'Europe/Berlin' })));
  const sheet = p['xl/worksheets/sheet1.xml'] ?? '';
  const cell = (ref: string) => new RegExp(`<c r="${ref}"( s="\\d+")?( t="\\w+")?>(?:<f>[^<]*</f>)?(?:<v>([^<]*)</v>)?</c>`).exec(sheet)?.slice(1) ?? [];
  const [dateStyle, , serial] = cell('A2');
  expect(serial).toBe('45307');
  expect(cell('E2')).toEqual([dateStyle, undefined, '45307']);
  expect(Number(cell('F2')[2])).toBeCloseTo(45307 + 0.5 / 24, 9);
  expect(cell('F2')[0]).toMatch(/ s="\d+"/); // the datetime format
  expect(Number(cell('G2')[2])).toBeCloseTo(45307 + 0.5 / 24, 9);
  expect(cell('H2')).toEqual([dateStyle, undefined, undefined]);
  expect(cell('I2')).toEqual([cell('B2')[0], undefined, undefined]);
  expect(cell('J2')).toEqual([cell('C2')[0], undefined, '7']);
  expect(cell('K2')).toEqual([undefined, undefined, '42']);
  expect(cell('L2')).toEqual([undefined, ' t="str"', '12345678901234567890']);
  const xfs = [...(p['xl/styles.xml'] ?? '').matchAll(/<xf numFmtId="(\d+)"[^>]*?(?:\/>|>)/g)].slice(1).map((m) => m[1]);
  const fmt = (s: string | undefined) => xfs[Number(/\d+/.exec(s ?? '')?.[0] ?? 0)];
  expect(fmt(cell('F2')[0])).not.toBe('0');
  expect(fmt(cell('G2')[0])).not.toBe('0');
});

it('caches text as a cell holds it: at most 32,767 characters, lone surrogates replaced, with warnings', async () => {
  const warnings: unknown[] = [];
  const rows = [{ t: 'x'.repeat(40_000) }, { t: 'a\uD800' }];
  const columns = [{ key: 't', formula: 'REPT("x",5)' }];
  const sheet = parts(await readAll(toXlsx(rows, { columns, onWarning: (w) => warnings.push(w) })))['xl/worksheets/sheet1.xml'] ?? '';
  expect(sheet).toContain(`<v>${'x'.repeat(32_767)}</v>`);
  expect(sheet).toContain('<v>a\uFFFD</v>');
  expect(warnings).toEqual([
    expect.objectContaining({ code: 'ROWPORT_TEXT_TRUNCATED', row: 0, column: 't' }),
    expect.objectContaining({ code: 'ROWPORT_LONE_SURROGATE', row: 1, column: 't' }),
  ]);
});
