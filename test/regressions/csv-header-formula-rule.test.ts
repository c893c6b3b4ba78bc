// The CSV header used its own copy of the formula-trigger rule, which escaped a numeric header
// like `-1` that the same text in a cell keeps as it is. One rule now serves both (#11).
import fc from 'fast-check';
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

it('writes any text the same as a header and as a cell (property)', async () => {
  const start = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20', '1', '.', 'e', 'a', ' ');
  const rest = fc.string({ unit: fc.constantFrom('1', '2', '.', 'e', 'E', '+', '-', 'x', ' ', '='), maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(start, rest, async (first, tail) => {
      const text = first + tail;
      const csv = await readText(toCsv([{ k: text }], { columns: [{ key: 'k', header: text }], bom: false, lineEnding: '\n' }));
      const quotedLine = /^("(?:[^"]|"")*"|[^\n]*)\n/;
      const header = quotedLine.exec(csv)?.[1];
      expect(csv).toBe(`${header}\n${header}\n`);
    }),
    { numRuns: 400 },
  );
});
