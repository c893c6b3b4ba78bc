// exportFileName cut the base at 100 UTF-16 units only, so a Chinese base gave a 323-byte name that
// no file system takes; names are now capped at 255 UTF-8 bytes, extension included (#18).
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/index.js';

const date = new Date('2024-01-15T14:30:45Z');
const bytes = (name: string) => Buffer.byteLength(name);

describe('exportFileName length in bytes', () => {
  it.each([
    ['中', 'csv', true],
    ['中', 'csv.gz', true],
    ['𠀀', 'xlsx', false], // 50 of them fill the 100 units in 200 bytes
    ['é', 'csv', false], // 100 of them are 200 bytes: the 100-unit cut comes first
  ])('keeps a long base of %s within 255 bytes (.%s)', (char, format, byBytes) => {
    const name = exportFileName(char.repeat(300), format, { date });
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.isWellFormed()).toBe(true);
    expect(name.endsWith(`_20240115_143045.${format}`)).toBe(true);
    if (byBytes)
      expect(bytes(name)).toBeGreaterThan(255 - Buffer.byteLength(char)); // cut as late as the limit allows
    else expect(name).toBe(`${char.repeat(100 / char.length)}_20240115_143045.${format}`);
  });

  it('never cuts a letter from its combining mark', () => {
    // 'क्' chains into one cluster as long as the text: cut inside it, at a letter
    for (const given of ['क्', 'कि', 'e\u0301\u0323']) {
      const unit = given.normalize('NFC'); // e + two marks: 'ẹ' and one mark
      const name = exportFileName(given.repeat(200), 'csv', { date });
      expect(bytes(name)).toBeLessThanOrEqual(255);
      const base = name.slice(0, -'_20240115_143045.csv'.length);
      expect(base.length % unit.length).toBe(0);
      expect(base.length).toBeGreaterThan(0);
      expect(base).toBe(unit.repeat(base.length / unit.length));
    }
  });

  it('keeps short names as they were', () => {
    expect(exportFileName('class analytics', 'xlsx', { date })).toBe('class_analytics_20240115_143045.xlsx');
    expect(exportFileName('a'.repeat(150), 'csv', { date })).toBe(`${'a'.repeat(100)}_20240115_143045.csv`);
  });

  it('refuses an extension that leaves no room for the base', () => {
    // room for at least 'export', the base of a name with nothing safe in it
    expect(() => exportFileName('x', 'a'.repeat(233), { date })).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    expect(bytes(exportFileName('exports', 'a'.repeat(232), { date }))).toBe(255);
  });
});
