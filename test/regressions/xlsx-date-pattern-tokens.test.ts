// A `dateFormat` pattern with date-fns tokens that Excel has under another name (`E`/`EE` for the
// short weekday, `L`…`LLLL` for the stand-alone month, `S`/`SS` for tenths and hundredths of a
// second) was not translated: the XLSX date cells fell back to `yyyy-mm-dd` (or
// `yyyy-mm-dd hh:mm:ss`) while CSV showed the pattern. They now get the Excel codes (`ddd`,
// `m`…`mmmm`, `0`, `00`) (#12); `S` and `SS` are refused since #18 (Excel rounds them).
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

describe('date-fns tokens with an Excel twin', () => {
  it.each([
    ['E, dd MMM yyyy', 'ddd, dd mmm yyyy'],
    ['EE d.M.yy', 'ddd d.m.yy'],
    ['LLLL yyyy', 'mmmm yyyy'],
    ['dd LLL, HH:mm', 'dd mmm, hh:mm'],
    ['dd.LL.yyyy HH:mm:ss.SSS', 'dd.mm.yyyy hh:mm:ss.000'],
  ])('%s is written as the number format %s', async (dateFormat, numFmt) => {
    const styles = parts(await readAll(toXlsx([{ d: new Date('2024-01-15T14:30:45.678Z') }], { dateFormat })))['xl/styles.xml'] as string;
    expect(styles).toContain(`formatCode="${numFmt}"`);
  });

  // Since #18: Excel and LibreOffice round `.0` and `.00` (45.678 s shows 45.7) where date-fns cuts (`S` is 6), so
  // `S` and `SS` are refused at the call (test/regressions/xlsx-date-format-translation.test.ts).
  it.each(['dd.LL.yyyy HH:mm:ss.S', 'HH:mm:ss.SS'])('%s is ROWPORT_INVALID_OPTION', (dateFormat) => {
    expect(() => toXlsx([{ d: new Date(0) }], { dateFormat })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });
});
