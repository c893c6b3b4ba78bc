import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// Issue 10: headerFooter text was checked for 255 characters before rowport added `&C`, so 254
// characters became 257 in the file (Excel refuses the sheet). The length is now counted as
// written, codes included (as XlsxWriter and libxlsxwriter count), and a lone `&` at the end,
// which Excel cannot read, is refused.
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
const footerOf = async (footer: string) => {
  const sheet = parts(await readAll(toXlsx([{ a: 1 }], { headerFooter: { footer } })))['xl/worksheets/sheet1.xml'] as string;
  return /<oddFooter>(.*)<\/oddFooter>/.exec(sheet)?.[1]?.replaceAll('&amp;', '&');
};

describe('headerFooter length and codes', () => {
  it('counts the &C rowport adds', async () => {
    expect(() => toXlsx([], { headerFooter: { footer: 'x'.repeat(254) } })).toThrow(invalid('headerFooter.footer'));
    expect(await footerOf('x'.repeat(253))).toBe(`&C${'x'.repeat(253)}`);
  });

  it('counts codes as written: 255 with its own section code passes, 256 does not', async () => {
    expect((await footerOf(`&L${'x'.repeat(253)}`))?.length).toBe(255);
    expect(() => toXlsx([], { headerFooter: { header: `&LPage &P${'x'.repeat(248)}` } })).toThrow(invalid('headerFooter.header'));
  });

  it('counts characters as code points', async () => {
    expect(await footerOf('😀'.repeat(253))).toBe(`&C${'😀'.repeat(253)}`);
  });

  it.each(['Smith &', '&', 'a &&&'])('refuses the lone & at the end of %j', (footer) => {
    expect(() => toXlsx([], { headerFooter: { footer } })).toThrow(invalid('headerFooter.footer'));
  });

  it('takes a literal && at the end', async () => {
    expect(await footerOf('Smith &&')).toBe('&CSmith &&');
  });
});
