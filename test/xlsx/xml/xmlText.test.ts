import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_CELL_CHARS,
  cellText,
  escapeAttribute,
  escapeCellText,
  escapeText,
  escapeXstringAttribute,
  needsPreserve,
  truncate,
  wellFormed,
} from '../../../src/xlsx/xml/xmlText.js';

describe('escapeText', () => {
  it('leaves plain text as it is', () => {
    expect(escapeText('Ada Lovelace, 1815 – ünïcödé 漢字 😀')).toBe('Ada Lovelace, 1815 – ünïcödé 漢字 😀');
  });
  it('escapes & < > as entities', () => {
    expect(escapeText('a<b & c>d')).toBe('a&lt;b &amp; c&gt;d');
  });
  it('keeps TAB and LF, writes CR as the character reference &#13;', () => {
    expect(escapeText('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
  });
  it.each([
    ['\u0000', '_x0000_'],
    ['\u0001', '_x0001_'],
    ['\u0008', '_x0008_'],
    ['\u000b', '_x000B_'],
    ['\u000c', '_x000C_'],
    ['\u001f', '_x001F_'],
    ['\ufffe', '_xFFFE_'],
    ['\uffff', '_xFFFF_'],
  ])('writes the XML-illegal %j as %s', (ch, escaped) => {
    expect(escapeText(`x${ch}y`)).toBe(`x${escaped}y`);
  });
  it('escapes a literal _xHHHH_ as _x005F_xHHHH_', () => {
    expect(escapeText('_x0041_ and _x00e9_')).toBe('_x005F_x0041_ and _x005F_x00e9_');
  });
  it('leaves look-alikes that are not escapes', () => {
    expect(escapeText('_x004_ _xGGGG_ x0041_ _x0041')).toBe('_x004_ _xGGGG_ x0041_ _x0041');
  });
});

describe('escapeCellText', () => {
  it('also escapes `_x` with one to three digits, which LibreOffice decodes in a cell', () => {
    expect(escapeCellText('_x004_ _xA_ _xA\u0001 _x0041_')).toBe('_x005F_x004_ _x005F_xA_ _x005F_xA_x0001_ _x005F_x0041_');
    expect(escapeCellText('_xGGGG_ x0041_ _x0041 _x00041_ _x_')).toBe('_xGGGG_ x0041_ _x0041 _x00041_ _x_');
  });
});

describe('escapeAttribute', () => {
  it('escapes quotes and markup', () => {
    expect(escapeAttribute('a"b<c>&')).toBe('a&#34;b&#60;c&#62;&#38;');
  });
});

describe('needsPreserve', () => {
  it.each([
    [' a', true],
    ['a ', true],
    ['\na', true],
    ['a', false],
    ['a b', false],
  ])('%j → %s', (text, expected) => {
    expect(needsPreserve(text)).toBe(expected);
  });
});

describe('wellFormed', () => {
  it('is undefined for well-formed text', () => {
    expect(wellFormed('a😀b')).toBeUndefined();
  });
  it('replaces lone surrogates by U+FFFD', () => {
    expect(wellFormed('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
  });
});

describe('cellText', () => {
  it('returns well-formed text within the limit as it is, without a warning', () => {
    const warn = vi.fn();
    const text = 'a😀b';
    expect(cellText(text, warn, 3, 'name')).toBe(text);
    expect(warn).not.toHaveBeenCalled();
  });
  it('replaces lone surrogates with ROWPORT_LONE_SURROGATE for the row and column', () => {
    const warn = vi.fn();
    expect(cellText('a\ud800b', warn, 3, 'name')).toBe('a\ufffdb');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith('ROWPORT_LONE_SURROGATE', expect.any(String), 3, 'name');
  });
  it('cuts at 32,767 with ROWPORT_TEXT_TRUNCATED, after the repair', () => {
    const warn = vi.fn();
    const text = cellText(`\ud800${'x'.repeat(MAX_CELL_CHARS)}`, warn, undefined, 'id', 'the header of column "id": ');
    expect(text).toBe(`\ufffd${'x'.repeat(MAX_CELL_CHARS - 1)}`);
    expect(warn.mock.calls.map(([code, , row, column]) => [code, row, column])).toEqual([
      ['ROWPORT_LONE_SURROGATE', undefined, 'id'],
      ['ROWPORT_TEXT_TRUNCATED', undefined, 'id'],
    ]);
  });
});

describe('truncate', () => {
  it('keeps text up to the limit', () => {
    const text = 'a'.repeat(MAX_CELL_CHARS);
    expect(truncate(text)).toBe(text);
  });
  it('cuts text past 32,767 characters', () => {
    expect(truncate('a'.repeat(MAX_CELL_CHARS + 10))).toHaveLength(MAX_CELL_CHARS);
  });
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_CELL_CHARS - 1)}😀`;
    expect(truncate(text)).toBe('a'.repeat(MAX_CELL_CHARS - 1));
  });
});

describe('escapeText at the edge of an escape', () => {
  it('escapes _xHHHH before a character written as _xHHHH_', () => {
    expect(escapeText('_xAceb\u0001')).toBe('_x005F_xAceb_x0001_');
    expect(escapeText('_xAceb\r')).toBe('_xAceb&#13;'); // CR is no `_xHHHH_`: the `_` stays
    expect(escapeText('_x0041\u0001')).toBe('_x005F_x0041_x0001_');
  });
});

describe('escapeXstringAttribute', () => {
  it('writes markup as entities, CR as &#13;, every other control (TAB and LF too) and a literal escape as _xHHHH_', () => {
    expect(escapeXstringAttribute('a"b<c>&')).toBe('a&quot;b&lt;c&gt;&amp;');
    expect(escapeXstringAttribute('Line\nTwo\tx\r\u0001')).toBe('Line_x000A_Two_x0009_x&#13;_x0001_');
    expect(escapeXstringAttribute('_x0041_ _x0041\n _x0041\r')).toBe('_x005F_x0041_ _x005F_x0041_x000A_ _x0041&#13;');
    expect(escapeXstringAttribute('Plain – 漢字')).toBe('Plain – 漢字');
  });
  it('reads back as the text, as an XML parser and an Excel reader decode it', () => {
    // An attribute value: entities decoded; then Excel's `_xHHHH_` decoded (hex, any case).
    const decode = (attr: string): string =>
      attr
        .replace(/&(quot|lt|gt|amp|#\d+);/g, (_, e: string) =>
          e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : ({ quot: '"', lt: '<', gt: '>', amp: '&' }[e] as string),
        )
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const unit = fc.constantFrom('a', '_', 'x', '0', '4', '1', 'F', '"', '&', '<', '\n', '\t', '\r', '\u0001', '\uffff', 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const attr = escapeXstringAttribute(text);
        expect(attr).not.toMatch(/[\x00-\x1f"<]/); // nothing an attribute parser would change or refuse
        expect(decode(attr)).toBe(text);
      }),
    );
  });
});
