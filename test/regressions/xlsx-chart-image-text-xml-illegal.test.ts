import { describe, expect, it } from 'vitest';
import { RowportError, type ToXlsxOptions, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

// A chart's title, axis titles and number formats, and a picture's or logo's alt text, lost the
// characters XML cannot hold without a word: 'Q\u0001 1\uD800 end' was drawn as 'Q 1 end', a
// value axis format '0\u0003"x"' became '0"x"', alt text 'alt\u0001' was read out as 'alt'. These
// are options, checked at the call as a column's number format already is: such text is now
// ROWPORT_INVALID_OPTION naming the option. TAB, LF and CR, which XML holds, are kept.
const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0]);
type Options = ToXlsxOptions<{ c: string; v: number }>;
const chart = (extra: object) => ({ charts: [{ type: 'column' as const, categories: 'c', series: ['v'], ...extra }] }) as Options;

const cases: [string, Options][] = [
  ['charts[0].title', chart({ title: 'Q\u0001 1' })],
  ['charts[0].title', chart({ title: 'Scores \uD800' })],
  ['charts[0].xAxisTitle', chart({ xAxisTitle: 'x\uFFFF' })],
  ['charts[0].yAxisTitle', chart({ yAxisTitle: 'y\u0002' })],
  ['charts[0].valueAxis.numFmt', chart({ valueAxis: { numFmt: '0\u0003"x"' } })],
  ['charts[0].dataLabels.numFmt', chart({ dataLabels: { numFmt: '0.0\uDC00' } })],
  ['images[0].altText', { images: [{ image: png, cell: 'D2', altText: 'alt\u0001' }] }],
  ['logo.altText', { title: 'T', logo: { image: png, altText: 'logo \uD800' } }],
];

describe('text XML cannot hold in a chart or an alt text', () => {
  for (const [i, [option, options]] of cases.entries()) {
    it(`is refused at the call: ${option} (case ${i})`, () => {
      let error: unknown;
      try {
        toXlsx([{ c: 'a', v: 1 }], options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RowportError);
      expect((error as RowportError).code).toBe('ROWPORT_INVALID_OPTION');
      expect((error as RowportError).message).toContain(`\`${option}\``);
    });
  }

  it('keeps TAB, LF and CR, and emoji', async () => {
    const options: Options = {
      ...chart({ title: 'Two\nlines\tand\r😀', valueAxis: { numFmt: '0 "😀"' } }),
      images: [{ image: png, cell: 'D2', altText: 'alt\ttext 😀' }],
    };
    const p = parts(await readAll(toXlsx([{ c: 'a', v: 1 }], options)));
    expect(p['xl/charts/chart1.xml']).toContain('<a:t>Two\nlines\tand&#13;😀</a:t>');
    expect(p['xl/charts/chart1.xml']).toContain('formatCode="0 &quot;😀&quot;"');
    expect(p['xl/drawings/drawing1.xml']).toContain('descr="alt\ttext 😀"');
  });
});
