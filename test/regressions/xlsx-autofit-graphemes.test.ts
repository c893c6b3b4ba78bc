// Auto-fit counted code points: combining marks, zero-width characters and each part of an emoji
// sequence widened the column (20 accented letters got width 42); it now measures graphemes (#18).
import { describe, expect, it, vi } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

/** Each text, and ASCII text of the width Excel shows it with. */
const cases: [string, string, string][] = [
  ['combining accents', 'e\u0301'.repeat(20), 'x'.repeat(20)],
  ['stacked marks', 'a\u0308\u0323'.repeat(12), 'x'.repeat(12)],
  ['zero-width space and joiner', `${'ab\u200b'.repeat(8)}\u2060\ufeff`, 'x'.repeat(16)],
  ['emoji sequences (family, skin tone, flag, keycap)', '👨‍👩‍👧‍👦👍🏽🇫🇷1️⃣'.repeat(3), 'x'.repeat(24)],
  ['emoji presentation and text presentation', '😀❤️❤'.repeat(4), 'x'.repeat(20)],
  ['wide CJK and full-width', '漢字テスト한국ＡＢ', 'x'.repeat(18)],
  ['decomposed Hangul', '\u1112\u1161\u11ab'.repeat(5), 'x'.repeat(10)],
];

async function widths(values: string[]): Promise<string[]> {
  const row = Object.fromEntries(values.map((v, i) => [`c${i}`, v]));
  const sheet = parts(await readAll(toXlsx([row], { header: false, autoFit: { maxWidth: 200 } })))['xl/worksheets/sheet1.xml'] ?? '';
  return [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => m[1] as string);
}

describe('auto-fit widths', () => {
  it.each(cases)('measure %s by grapheme and East Asian width', async (_, text, same) => {
    const [measured, expected] = await widths([text, same]);
    expect(measured).toBe(expected);
  });
  it('segment only text with marks, format characters or emoji sequences, never plain ASCII', async () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      await widths(['plain ASCII text', 'précomposé', '漢字テスト']);
      expect(segment).not.toHaveBeenCalled();
      await widths(['e\u0301']);
      expect(segment).toHaveBeenCalledTimes(1);
    } finally {
      segment.mockRestore();
    }
  });
});
