import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/index.js';

describe('contentDisposition', () => {
  it('writes a plain filename for ASCII names', () => {
    expect(contentDisposition('report_20240115.csv')).toBe('attachment; filename="report_20240115.csv"');
  });

  it('adds filename* in UTF-8 with an ASCII fallback for other names', () => {
    const value = contentDisposition('отчёт 2024.csv');
    expect(value).toBe(`attachment; filename="_____ 2024.csv"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202024.csv`);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(value)?.[1] as string;
    expect(decodeURIComponent(encoded)).toBe('отчёт 2024.csv');
  });

  it('cannot be used to inject header syntax or paths', () => {
    const value = contentDisposition('a"b\\c/d\r\ne%.csv');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value.startsWith('attachment; filename="a_b_c_de_.csv"')).toBe(true);
  });

  it('rejects an empty name', () => {
    expect(() => contentDisposition(' ')).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });
});
