// A JS number ≥ 1e15 with more than 15 significant digits was written as text with invented
// digits: 6.022e23 → '602200000000000027262976', Number.MAX_VALUE → 309 digits, while CSV wrote
// 6.022e+23. A JS number is now always a number cell with its shortest round-trip digits (#10).
import { expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';
import { readAll, readText } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

it('writes big JS numbers as number cells with the digits CSV writes', async () => {
  const rows = [{ a: 6.022e23, b: 12345678901234567890, c: Number.MAX_VALUE }];
  const sheet = parts(await readAll(toXlsx(rows)))['xl/worksheets/sheet1.xml'] ?? '';
  const v = [...sheet.matchAll(/<c r="[A-C]2"[^>]*><v>([^<]*)<\/v><\/c>/g)].map((m) => m[1]);
  expect(v).toEqual(['6.022E+23', '12345678901234567000', '1.7976931348623157E+308']);
  const csv = (await readText(toCsv(rows, { bom: false }))).split('\r\n')[1];
  expect(csv?.split(',').map(Number)).toEqual(v.map(Number));
});
