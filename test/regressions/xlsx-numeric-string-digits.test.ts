// A numeric string in an integer/decimal/percent column went through Number() and came out with
// other digits: '9223372036854775807' → 9223372036854775808, '9007199254740993' → 9007199254740992.
// Digits a double cannot hold are now kept exactly as text, with a warning (#10).
import { expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

it('keeps every digit of a numeric string a double cannot hold', async () => {
  const warnings: unknown[] = [];
  const rows = [{ id: '9223372036854775807', amount: '12345678901234567.89', share: '9007199254740993' }];
  const columns = [
    { key: 'id', type: 'integer' as const },
    { key: 'amount', type: 'decimal' as const },
    { key: 'share', type: 'percent' as const },
  ];
  const sheet = parts(await readAll(toXlsx(rows, { columns, onWarning: (w) => warnings.push(w) })))['xl/worksheets/sheet1.xml'] ?? '';
  for (const digits of ['9223372036854775807', '12345678901234567.89', '9007199254740993']) expect(sheet).toContain(`<t>${digits}</t>`);
  expect(sheet).not.toMatch(/<v>9223372036854775808|<v>12345678901234568|<v>9007199254740992/);
  expect(warnings).toMatchObject([
    { code: 'ROWPORT_NUMBER_AS_TEXT', row: 0, column: 'id' },
    { code: 'ROWPORT_NUMBER_AS_TEXT', row: 0, column: 'amount' },
    { code: 'ROWPORT_NUMBER_AS_TEXT', row: 0, column: 'share' },
  ]);
});
