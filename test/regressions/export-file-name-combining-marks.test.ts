// exportFileName kept letters of any script but replaced their combining marks with `_`: Devanagari
// vowel signs and virama, Hebrew points, a decomposed accent with no precomposed form, so
// 'हिन्दी रिपोर्ट' became 'ह_न_द_र_प_र_ट'. Marks are now kept with their letters (#12).
import { expect, it } from 'vitest';
import { exportFileName } from '../../src/index.js';

const date = new Date('2024-01-15T14:30:45Z');

it.each([
  ['हिन्दी रिपोर्ट', 'हिन्दी_रिपोर्ट'],
  ['קוֹבֶץ', 'קוֹבֶץ'],
  ['q\u0307 x', 'q\u0307_x'], // q with a dot above: no precomposed form, NFC keeps the mark
])('keeps the marks of %s', (base, safe) => {
  expect(exportFileName(base, 'csv', { date })).toBe(`${safe}_20240115_143045.csv`);
});
