import { describe, expect, it } from 'vitest';
import { SheetTailXml } from '../../../src/xlsx/sheet/sheetTail.js';
import { CHUNK_CHARS } from '../../../src/writer/chunks.js';

describe('SheetTailXml', () => {
  it('writes whole elements and the wrapped items of features in schema order, with counts where the schema has them', () => {
    const tail = new SheetTailXml();
    tail.add({ pageSetup: '<pageSetup/>', hyperlinks: ['<hyperlink ref="A2" r:id="rId1"/>'] }, 'links');
    tail.add({ mergeCells: ['<mergeCell ref="A1:B1"/>', '<mergeCell ref="A2:B2"/>'], autoFilter: '<autoFilter ref="A1:B9"/>' }, 'title');
    expect(tail.pieces('<drawing r:id="rId2"/>').join('')).toBe(
      '<autoFilter ref="A1:B9"/><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/></mergeCells>' +
        '<hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks><pageSetup/><drawing r:id="rId2"/>',
    );
  });

  it('gives a long list of items in pieces of at least a chunk, never as one string', () => {
    const pack = '<hyperlink ref="A2" r:id="rId1"/>'.repeat(4_096); // 135 KB: a pack of SheetLinks
    const tail = new SheetTailXml();
    tail.add({ hyperlinks: [pack, pack, pack], pageSetup: '<pageSetup/>' }, 'links');
    const pieces = tail.pieces('');
    expect(pieces.length).toBe(4);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
    expect(pieces.join('')).toBe(`<hyperlinks>${pack}${pack}${pack}</hyperlinks><pageSetup/>`);
  });

  it('is one empty piece when no feature has a tail', () => {
    expect(new SheetTailXml().pieces('')).toEqual(['']);
  });

  it('refuses a second copy of an element that may appear once', () => {
    const tail = new SheetTailXml();
    tail.add({ pageSetup: '<pageSetup/>' }, 'print');
    expect(() => tail.add({ pageSetup: '<pageSetup/>' }, 'other')).toThrow(/other writes <pageSetup>/);
  });
});
