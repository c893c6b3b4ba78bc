import { describe, expect, it } from 'vitest';
import { toWorkbook } from '../../src/index.js';

// Issue 11: a bad `header` or `timeZone` of a toWorkbook sheet was reported as `header` /
// `timeZone`, while `columns` and `charts` said `sheets[1].…`. Every sheet option names its sheet.
const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
const ok = { name: 'A', rows: [{ a: 1 }] };

describe('errors in the options of a toWorkbook sheet', () => {
  it.each([
    [{ header: 'yes' }, 'sheets[1].header'],
    [{ timeZone: 'Mars/Olympus' }, 'sheets[1].timeZone'],
    [{ dateFormat: 5 }, 'sheets[1].dateFormat'],
    [{ maxRows: -1 }, 'sheets[1].maxRows'],
    [{ columns: 'a' }, 'sheets[1].columns'],
    [{ charts: [{ type: 'pies', categories: 'a', series: ['a'] }] }, 'sheets[1].charts[0].type'],
    [{ print: { orientation: 'up' } }, 'sheets[1].print.orientation'],
    [{ headerFooter: { header: 5 } }, 'sheets[1].headerFooter.header'],
  ])('%j is named %s', (bad, option) => {
    expect(() => toWorkbook([ok, { ...ok, name: 'B', ...bad } as never])).toThrow(invalid(option));
  });

  it('names workbook options without a sheet', () => {
    expect(() => toWorkbook([ok], { timeZone: 'Mars/Olympus' })).toThrow(invalid('timeZone'));
  });
});
