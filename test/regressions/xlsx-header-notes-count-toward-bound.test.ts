// XLSX notes: docs/inputs.md says the notes bound (10,000 notes, 5,000,000 characters a physical
// sheet) includes the header notes, but their characters were never counted: 200 header notes of
// 32,767 characters and data notes past the rest were all held. They count now; header notes alone
// are options the call holds, never refused.
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

const WIDE = 200;
const keys = Array.from({ length: WIDE }, (_, i) => `c${i}`);
const row = Object.fromEntries(keys.map((k) => [k, 1]));
const columns = keys.map((key) => ({ key, note: 'n'.repeat(32_767) })); // 6,553,400 characters of header notes

describe('header notes and the notes bound', () => {
  it('count toward the characters a sheet holds', async () => {
    const stream = toXlsx([row, row], { columns, cellNote: () => ({ c0: 'late' }) });
    await expect(readAll(stream)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_VALUE', row: 0, column: 'c0' });
  });

  it('alone are never refused', async () => {
    const bytes = await readAll(toXlsx([row], { columns }));
    expect(bytes.length).toBeGreaterThan(0);
  });
});
