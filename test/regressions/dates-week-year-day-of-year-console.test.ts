// A date pattern with `Y` (week-numbering year) or `DDD` (day of year), which rowport accepts,
// made date-fns `console.warn` "Use `y` instead of `Y`…" once for every cell: a million-row
// export wrote a million lines to stderr. The warnings are about the moment.js tokens (`YY`,
// `YYYY`, `D`, `DD`), which rowport refuses at the call; the accepted tokens are now written quietly.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDates, toCsv } from '../../src/index.js';
import { toCsv as webToCsv } from '../../src/web/index.js';
import { readText } from '../helpers/streams.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const rows = Array.from({ length: 50 }, (_, i) => ({ d: new Date(Date.UTC(2024, 11, 20) + i * 86_400_000) }));

describe("date-fns' protected tokens rowport accepts", () => {
  it('formatDate, formatDates and toCsv write them without a console warning per cell', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(formatDate(new Date(Date.UTC(2024, 1, 3)), 'yyyy-DDD')).toBe('2024-034');
    expect(formatDate(new Date(Date.UTC(2024, 11, 30)), "Y-'W'ww")).toBe('2025-W01');
    expect(formatDate(new Date(Date.UTC(2024, 11, 30)), 'YYY')).toBe('2025');
    const csv = await readText(toCsv(rows, { dateFormat: "Y-'W'ww DDD", bom: false, header: false }));
    expect(csv.split('\r\n')[10]).toBe('2025-W01 365');
    const formatted = [];
    for await (const row of formatDates(rows, 'DDD')) formatted.push(row.d);
    expect(formatted[0]).toBe('355');
    const web = await new Response(webToCsv(rows, { dateFormat: "Y-'W'ww DDD", bom: false, header: false })).text();
    expect(web).toBe(csv);
    expect(warn).not.toHaveBeenCalled();
  });

  it('still refuses the moment.js tokens date-fns warns about', () => {
    for (const pattern of ['YYYY-MM-dd', 'YY', 'yyyy-MM-DD', 'D.M.yyyy']) {
      expect(() => formatDate(new Date(0), pattern)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
    }
  });
});
