import { describe, expect, it } from 'vitest';
import { resolveTitleBlock, titleMergeRefs, titleRowsXml } from '../../../../src/xlsx/features/title/titleBlock.js';

describe('resolveTitleBlock', () => {
  it('has no rows without a title, subtitle or preamble', () => {
    expect(resolveTitleBlock('', {}).rows).toBe(0);
  });
  it('takes one row per line and one empty row before the header', () => {
    const block = resolveTitleBlock('', { title: 'Scores', subtitle: 'Generated today', preamble: ['Class: 3B', 'Term: autumn'] });
    expect(block.rows).toBe(5);
    expect(block.lines.map((l) => l.text)).toEqual(['Scores', 'Generated today', 'Class: 3B', 'Term: autumn']);
    expect(block.lines[0]?.style.bold).toBe(true);
    expect(block.lines[1]?.style.italic).toBe(true);
  });
  it.each([
    [{ title: 3 }, 'sheets[1].title'],
    [{ subtitle: null }, 'sheets[1].subtitle'],
    [{ preamble: 'x' }, 'sheets[1].preamble'],
    [{ preamble: ['ok', 2] }, 'sheets[1].preamble[1]'],
  ])('rejects %j', (options, option) => {
    expect(() => resolveTitleBlock('sheets[1].', options as never)).toThrow(
      expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) }),
    );
  });
});

describe('titleRowsXml', () => {
  it('writes each line in column A with its style', () => {
    const block = resolveTitleBlock('', { title: 'A & B', preamble: [' x', ''] });
    expect(titleRowsXml(block, (s) => (s.bold ? 5 : 0))).toBe(
      '<row r="1" ht="24" customHeight="1"><c r="A1" s="5" t="inlineStr"><is><t>A &amp; B</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> x</t></is></c></row><row r="3"></row>',
    );
  });
});

describe('titleMergeRefs', () => {
  it('merges each line across the table width; nothing for one column', () => {
    const block = resolveTitleBlock('', { title: 'T', subtitle: 'S' });
    expect(titleMergeRefs(block, 4)).toEqual(['A1:D1', 'A2:D2']);
    expect(titleMergeRefs(block, 1)).toEqual([]);
  });
});
