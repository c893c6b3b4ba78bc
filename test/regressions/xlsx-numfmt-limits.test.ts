import { describe, expect, it } from 'vitest';
import { toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 10: a column numFmt with a control character wrote `&#1;` into styles.xml (not XML: Excel
// cannot open the file), and one over 255 characters is refused by Excel. Both fail at the call now.
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('a column numFmt that Excel cannot take', () => {
  it.each(['0.00\u0001', '\u0000', '0\u001f', '0\uFFFF', '0\uD800'])('refuses the control character in %j at the call', (numFmt) => {
    expect(() => toXlsx([], { columns: [{ key: 'a', numFmt }] })).toThrow(invalid('columns[0].numFmt'));
    expect(() =>
      toWorkbook([
        { name: 'S', rows: [] },
        { name: 'T', rows: [], columns: ['b', { key: 'a', numFmt }] },
      ]),
    ).toThrow(invalid('sheets[1].columns[1].numFmt'));
  });

  it('refuses a format over 255 characters, and takes one of 255', async () => {
    const long = `0${'"x"'.repeat(85)}`; // 256 characters
    expect(() => toXlsx([], { columns: [{ key: 'a', numFmt: long }] })).toThrow(invalid('columns[0].numFmt'));
    const p = parts(await readAll(toXlsx([{ a: 1 }], { columns: [{ key: 'a', numFmt: long.slice(0, 255) }] })));
    expect(p['xl/styles.xml']).toContain(`formatCode="${long.slice(0, 255).replaceAll('"', '&#34;')}"`);
  });

  it('keeps TAB, LF and CR, which XML holds', async () => {
    const p = parts(await readAll(toXlsx([{ a: 1 }], { columns: [{ key: 'a', numFmt: '0\t0\n0\r0' }] })));
    expect(p['xl/styles.xml']).toContain('formatCode="0&#9;0&#10;0&#13;0"');
  });

  it('leaves CSV alone, which has no number formats', () => {
    expect(() => toCsv([], { columns: [{ key: 'a', numFmt: '0\u0001' }] })).not.toThrow();
  });
});
