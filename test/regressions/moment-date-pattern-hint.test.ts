// A moment.js-style dateFormat ('DD/MM/YYYY') was refused with "Did you mean 'yyyy-MM-dd'?", another
// format than the one meant. The hint is now the pattern translated to date-fns tokens: 'dd/MM/yyyy' (#22).
import { expect, it } from 'vitest';
import { formatDate, toCsv, toXlsx } from '../../src/index.js';

it.each([
  ['DD/MM/YYYY', 'dd/MM/yyyy'],
  ['YYYY-MM-DD HH:mm', 'yyyy-MM-dd HH:mm'],
  ['D.M.YY', 'd.M.yy'],
  ["DD 'de' MMMM YYYY", "dd 'de' MMMM yyyy"],
])('%s suggests %s', (pattern, meant) => {
  for (const call of [() => toCsv([], { dateFormat: pattern }), () => toXlsx([], { dateFormat: pattern }), () => formatDate(new Date(0), pattern)]) {
    expect(call).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`Did you mean '${meant}'?`) }));
  }
});
