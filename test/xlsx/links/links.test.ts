import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinkTemplate, expression, fillTemplate, isLinkValue, linkCellXml, linkTarget, literal } from '../../../src/xlsx/links/links.js';
import { escapeText } from '../../../src/xlsx/xml/xmlText.js';
import { DateRenderer } from '../../../src/dates/compile.js';
import { Zone } from '../../../src/dates/zone.js';

const dates = new DateRenderer('yyyy-MM-dd', new Zone('UTC'));

describe('linkTarget', () => {
  it.each(['https://example.com/a?b=1#c', 'http://x.org', 'mailto:ada@example.com', 'HTTPS://EXAMPLE.COM'])('takes %j', (url) => {
    expect(linkTarget(url)).toBe(url);
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,x',
    'ftp://x.org',
    'example.com',
    'https://a b.org',
    'https:x',
    ' https://x.org',
    'https://x.org\n',
    'https://x.org/\ud800',
    `https://x.org/${'a'.repeat(2100)}`,
    '',
  ])('refuses %j', (url) => {
    expect(linkTarget(url)).toBeUndefined();
  });
  it('never takes a scheme other than http, https, mailto', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const t = linkTarget(s);
        return t === undefined || /^(?:https?:\/\/|mailto:)/i.test(t);
      }),
    );
  });
});

describe('isLinkValue', () => {
  it('is a plain object with a string url and an optional string text', () => {
    expect(isLinkValue({ url: 'https://x.org' })).toBe(true);
    expect(isLinkValue({ text: 'X', url: 'https://x.org' })).toBe(true);
    expect(isLinkValue({ text: 3, url: 'https://x.org' })).toBe(false);
    expect(isLinkValue('https://x.org')).toBe(false);
    expect(isLinkValue(null)).toBe(false);
  });
});

describe('checkLinkTemplate', () => {
  it('takes an http(s) or mailto template', () => {
    expect(checkLinkTemplate('columns[0].link', 'https://school.example/students/{id}')).toBe('https://school.example/students/{id}');
    expect(checkLinkTemplate('columns[0].link', 'mailto:{email}')).toBe('mailto:{email}');
  });
  it.each(['javascript:alert({id})', 'file:///{id}', '{url}', 3, undefined])('rejects %j with ROWPORT_INVALID_OPTION', (template) => {
    expect(() => checkLinkTemplate('sheets[1].columns[0].link', template)).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[1].columns[0].link`') }),
    );
  });
});

describe('fillTemplate', () => {
  it('URL-encodes the row values, a lone surrogate as U+FFFD', () => {
    expect(fillTemplate('https://x.org/{id}', () => 'a\ud800', dates)).toBe('https://x.org/a%EF%BF%BD');
    expect(fillTemplate('https://x.org/s/{id}?q={q}', (k) => ({ id: 'a b/c', q: undefined })[k], dates)).toBe('https://x.org/s/a%20b%2Fc?q=');
  });
});

describe('linkCellXml', () => {
  it('escapes only the & of a URL shown as itself, as escapeText does (#24)', () => {
    expect(linkCellXml('F2', ' s="3"', 'https://x.org/?a=1&b=2&c', 'https://x.org/?a=1&b=2&c')).toBe(
      '<c r="F2" s="3" t="str"><f>HYPERLINK("https://x.org/?a=1&amp;b=2&amp;c")</f><v>https://x.org/?a=1&amp;b=2&amp;c</v></c>',
    );
    // anything else to escape or double takes the general path
    expect(linkCellXml('F2', '', 'https://x.org/?a=<1>&b', 'https://x.org/?a=<1>&b')).toBe(
      '<c r="F2" t="str"><f>HYPERLINK("https://x.org/?a=&lt;1&gt;&amp;b")</f><v>https://x.org/?a=&lt;1&gt;&amp;b</v></c>',
    );
    expect(linkCellXml('F2', '', 'https://x.org/?a&_x0041_', 'https://x.org/?a&_x0041_')).toBe(
      '<c r="F2" t="str"><f>HYPERLINK("https://x.org/?a&amp;_"&amp;"x0041_")</f><v>https://x.org/?a&amp;_x005F_x0041_</v></c>',
    );
  });

  it('writes one argument when the text is the target', () => {
    expect(linkCellXml('A1', '', 'https://x.org', 'https://x.org')).toBe('<c r="A1" t="str"><f>HYPERLINK("https://x.org")</f><v>https://x.org</v></c>');
  });
  it('writes a HYPERLINK formula with the text cached', () => {
    expect(linkCellXml('B2', ' s="3"', 'https://x.org/?a=1&b="2"', 'A & B')).toBe(
      '<c r="B2" s="3" t="str"><f>HYPERLINK("https://x.org/?a=1&amp;b=""2""","A &amp; B")</f><v>A &amp; B</v></c>',
    );
  });
});

describe('linkCellXml, escaped once per piece', () => {
  // The formula escaped whole, as before pieces were escaped one by one: the two must agree.
  const reference = (ref: string, url: string, text: string): string => {
    const arg = /[\x01-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/.test(text + url) ? expression : literal;
    const formula = text === url ? `HYPERLINK(${arg(url)})` : `HYPERLINK(${arg(url)},${arg(text)})`;
    return `<c r="${ref}" t="str"><f>${escapeText(formula)}</f><v>${escapeText(text)}</v></c>`;
  };
  const tricky = fc.string({ unit: fc.constantFrom('a', '"', '&', '<', '>', '_', 'x', '0', 'F', '\r', '\u0001', ',', ')', 'é', '😀'), maxLength: 300 });
  it('writes what escaping the whole formula writes', () => {
    fc.assert(
      fc.property(tricky, tricky, (u, text) => {
        const url = `https://x.org/${u}`;
        expect(linkCellXml('A1', '', url, text)).toBe(reference('A1', url, text));
        expect(linkCellXml('A1', '', url, url)).toBe(reference('A1', url, url));
      }),
    );
  });
  it('is undefined when the formula would pass 8,192 characters', () => {
    expect(linkCellXml('A1', '', 'https://x.org', 'x'.repeat(7_900))).toMatch(/^<c r="A1" t="str"><f>HYPERLINK/);
    expect(linkCellXml('A1', '', 'https://x.org', 'x'.repeat(8_200))).toBeUndefined();
    expect(linkCellXml('A1', '', 'https://x.org', '"'.repeat(4_100))).toBeUndefined(); // doubled quotes count
  });
});

describe('literal', () => {
  it('reads back as the text, with no piece over 255 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (text) => {
        const lit = literal(text);
        // a formula is read as "…" pieces joined by &; inside a piece "" is one quote
        let back = '';
        let i = 0;
        for (;;) {
          expect(lit[i]).toBe('"');
          let piece = '';
          for (i++; ; i++) {
            if (lit[i] === '"' && lit[i + 1] === '"') {
              piece += '"';
              i++;
            } else if (lit[i] === '"') break;
            else piece += lit[i];
          }
          expect(piece.length).toBeLessThanOrEqual(255);
          back += piece;
          i++;
          if (i === lit.length) break;
          expect(lit[i]).toBe('&');
          i++;
        }
        expect(back).toBe(text);
      }),
    );
  });
});

describe('expression', () => {
  /** The text a formula string expression of literals and CHAR/UNICHAR joined by & evaluates to. */
  const evaluate = (expr: string): string => {
    let back = '';
    // biome-ignore lint/correctness/noEmptyCharacterClassInRegex: `[^]` is any character, line ends included
    for (const m of expr.matchAll(/"((?:[^"]|"")*)"|(?:UNI)?CHAR\((\d+)\)|(&)|([^])/g)) {
      expect(m[4]).toBeUndefined();
      if (m[1] !== undefined) back += m[1].replaceAll('""', '"');
      else if (m[2] !== undefined) back += String.fromCharCode(Number(m[2]));
    }
    return back;
  };
  it('evaluates to the text, with no _xHHHH_ but NUL once escaped', () => {
    const unit = fc.constantFrom('a', '"', '_', 'x', '0', 'F', '\r', '\u0001', '\u0000', '\ufffe', '\n', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 600 }), (text) => {
        const expr = expression(text);
        expect(evaluate(expr)).toBe(text);
        expect(escapeText(expr).replaceAll('_x0000_', '')).not.toMatch(/_x[0-9A-Fa-f]{4}_/);
      }),
    );
    expect(expression('a_x0041_b\u0001')).toBe('"a_"&"x0041_b"&CHAR(1)');
  });
});
