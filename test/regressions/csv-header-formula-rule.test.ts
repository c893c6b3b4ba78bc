// The CSV header used its own copy of the formula-trigger rule, which escaped a numeric header
// like `-1` that the same text in a cell keeps as it is. One rule now serves both (#11).
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readText } from '../helpers/streams.js';

it('escapes a header exactly as it escapes the same text in a cell', async () => {
  const headers = ['-1', '+3.5', '=SUM(A1)', '@x', '-x'];
  const rows = [Object.fromEntries(headers.map((h) => [h, h]))];
  const text = await readText(toCsv(rows, { columns: headers, bom: false }));
  const [header, cells] = text.split('\r\n');
  expect(header).toBe(cells);
  expect(header).toBe("-1,+3.5,'=SUM(A1),'@x,'-x");
});
