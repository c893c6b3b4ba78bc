// exportFileName cut a long base at 100 UTF-16 units after tidying it: a letter past U+FFFF (𠀀, 𝒜)
// at the cut lost its second half, leaving a lone surrogate in the name (no UTF-8 form: the file
// system or a Content-Disposition header gets '�'), and a cut right after a space left `_` before the
// timestamp's own `_`. The cut now keeps pairs whole and drops a `_` it leaves at the end (#12).
import { expect, it } from 'vitest';
import { exportFileName } from '../../src/index.js';

const date = new Date('2024-01-15T14:30:45Z');

it('never cuts a character made of two UTF-16 units in half', () => {
  const name = exportFileName(`${'a'.repeat(99)}𠀀𠀁`, 'csv', { date });
  expect(name.isWellFormed()).toBe(true);
  expect(name).toBe(`${'a'.repeat(99)}_20240115_143045.csv`);
  expect(exportFileName(`${'a'.repeat(98)}𠀀𠀁`, 'csv', { date })).toBe(`${'a'.repeat(98)}𠀀_20240115_143045.csv`);
});

it('leaves no `_` at the cut', () => {
  expect(exportFileName(`${'a'.repeat(99)} b`, 'csv', { date })).toBe(`${'a'.repeat(99)}_20240115_143045.csv`);
});
