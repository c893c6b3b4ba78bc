import { expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/index.js';

// `toCsv(rows, { colums: [...] })` was silently ignored and wrote every column.
it('a misspelt option is refused with ROWPORT_INVALID_OPTION, not ignored', () => {
  expect(() => toCsv([{ id: 1, secret: 'x' }], { colums: ['id'] } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  expect(() => toXlsx([{ id: 1, secret: 'x' }], { colums: ['id'] } as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
});
