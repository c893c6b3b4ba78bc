import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';

/** RFC 6266 / RFC 8187 grammar of what contentDisposition writes. */
const HEADER = /^attachment; filename="([\x20-\x21\x23-\x24\x26-\x5b\x5d-\x7e]*)"(?:; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+))?$/;

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

  it('keeps quotes, backslashes and % sequences exact in filename*, never in the fallback', () => {
    expect(contentDisposition('100%25 "final".csv')).toBe(`attachment; filename="100_25 _final_.csv"; filename*=UTF-8''100%2525%20%22final%22.csv`);
    expect(contentDisposition("it's (1)*.csv")).toBe(`attachment; filename="it's (1)*.csv"`);
    expect(contentDisposition("ü's (1)*.csv")).toBe(`attachment; filename="_'s (1)*.csv"; filename*=UTF-8''%C3%BC%27s%20%281%29%2A.csv`);
  });

  it('drops control characters, C1 controls and bidi overrides', () => {
    expect(contentDisposition('a\u0000b\u0085c\u202Egpj.exe')).toBe('attachment; filename="abcgpj.exe"');
  });

  it('replaces a lone surrogate with U+FFFD instead of throwing a URIError', () => {
    expect(contentDisposition('a\uD800.csv')).toBe(`attachment; filename="a_.csv"; filename*=UTF-8''a%EF%BF%BD.csv`);
    expect(contentDisposition('\uDC00b\uD83D')).toBe(`attachment; filename="_b_"; filename*=UTF-8''%EF%BF%BDb%EF%BF%BD`);
    expect(contentDisposition('😀.csv')).toBe(`attachment; filename="_.csv"; filename*=UTF-8''%F0%9F%98%80.csv`);
  });

  it.each([' ', '', '\u0001\u0002', 1, null])('rejects %j', (name) => {
    expect(() => contentDisposition(name as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });

  it('for any string: printable ASCII in the RFC grammar, and filename* decodes to the cleaned name', () => {
    const names = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom('a', '%', '"', '\\', '/', "'", '*', ';', ' ', '\uD800', '\uDC00', '😀', 'é', '\u202E', '\u0007', '2', '5'),
        maxLength: 20,
      }),
    );
    fc.assert(
      fc.property(names, (name) => {
        const expected = name
          .replace(/[\\/]/g, '_')
          .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
          .toWellFormed();
        if (expected.trim() === '') {
          expect(() => contentDisposition(name)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
          return;
        }
        const value = contentDisposition(name);
        const match = HEADER.exec(value);
        expect(match, value).not.toBeNull();
        const [, fallback, extended] = match as RegExpExecArray;
        expect(extended === undefined ? fallback : decodeURIComponent(extended)).toBe(expected);
        expect(fallback).toHaveLength([...expected].length); // one `_` per character replaced
      }),
      { numRuns: 2000 },
    );
  });

  it("is read back as the cleaned name by python's email parser (RFC 2231 decoding of filename*)", () => {
    if (!haveTool('python')) return;
    const names = fc
      .sample(fc.string({ unit: 'binary', maxLength: 20 }), { numRuns: 300, seed: 7 })
      .filter((n) => n.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim() !== '');
    names.push('отчёт 2024.csv', 'a\uD800.csv', '100%25 "final".csv', "ü's (1)*.csv", 'a;b=c.csv');
    const headers = names.map((name) => contentDisposition(name));
    const read = python<string[]>(
      [
        'import json, sys',
        'from email.parser import HeaderParser',
        'from email.utils import collapse_rfc2231_value',
        'out = []',
        'for value in json.load(sys.stdin):',
        '    params = HeaderParser().parsestr("Content-Disposition: " + value + "\\n\\n").get_params(header="content-disposition")',
        '    found = [v for k, v in params if k == "filename"]',
        '    out.append(collapse_rfc2231_value(found[-1]))',
        'print(json.dumps(out))',
      ].join('\n'),
      headers,
    );
    const expected = names.map((name) =>
      name
        .replace(/[\\/]/g, '_')
        .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
        .toWellFormed(),
    );
    expect(read).toEqual(expected);
  });
});
