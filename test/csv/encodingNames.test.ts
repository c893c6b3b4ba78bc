import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, encodingExists } from '../../src/csv/encodingNames.js';

describe('encodingNames', () => {
  it("knows exactly iconv-lite's encodings, so options are checked without loading it", () => {
    iconv.encodingExists('utf-8'); // loads iconv-lite's table
    const table = (iconv as unknown as { encodings: Record<string, unknown> }).encodings;
    const theirs = Object.keys(table).filter((name) => /^[0-9a-z]+$/.test(name) && iconv.encodingExists(name));
    expect(theirs.filter((name) => !encodingExists(name))).toEqual([]);
    expect(theirs.length).toBeGreaterThan(400);
  });

  it.each(['UTF-8', 'utf8', 'Windows-1251', 'cp1251', 'Shift_JIS', 'ISO-8859-1', 'utf-16le', 'UCS-2', 'koi8-r', 'latin1:1987'])(
    'agrees with iconv-lite on %s',
    (name) => {
      expect(encodingExists(name)).toBe(iconv.encodingExists(name));
      expect(encodingExists(name)).toBe(true);
    },
  );

  it.each(['', 'utf-9', 'klingon', '_internal', 'sbcs', '__proto__', 'constructor'])('rejects %j as iconv-lite does', (name) => {
    expect(encodingExists(name)).toBe(iconv.encodingExists(name));
  });

  it('canonicalises like iconv-lite', () => {
    expect(canonicalEncoding('ISO_8859-1:1987')).toBe('iso88591');
  });
});
