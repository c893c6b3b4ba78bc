// examples/analytics: a client's `dateFormat` or `delimiter` had no length limit; each is written in
// every date cell or between every two fields, so a 60 KB request could make an export (and the
// store's copy of it) tens of megabytes larger. Past 64 and 8 characters they are now a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsErrorCode } from '../../examples/analytics/errors.js';
import { AnalyticsService } from '../../examples/analytics/service.js';
import { type SqlJsDb, createSampleDatabase } from '../../examples/analytics/sqljs.js';
import { readAll } from '../helpers/streams.js';

let db: SqlJsDb;
let service: AnalyticsService;
beforeAll(async () => {
  db = await createSampleDatabase({ scale: 0.05 });
  service = new AnalyticsService(db);
});
afterAll(() => db?.close());

describe('long text options', () => {
  it.each([
    ['dateFormat', { dateFormat: `yyyy-MM-dd'${'x'.repeat(60)}'` }],
    ['delimiter', { delimiter: ';'.repeat(9) }],
  ])('refuses a long %s before reading a row', async (name, options) => {
    await expect(service.exportStudentAnalytics(2, { format: 'csv', ...options })).rejects.toMatchObject({
      code: AnalyticsErrorCode.InvalidOption,
      message: expect.stringContaining(`\`${name}\``),
    });
    expect(db.openCursors).toBe(0);
  });

  it('refuses a long dateFormat for the comprehensive workbook', async () => {
    await expect(service.exportComprehensive({ dateFormat: `yyyy'${'x'.repeat(80)}'` })).rejects.toMatchObject({ code: AnalyticsErrorCode.InvalidOption });
  });

  it('takes the longest allowed', async () => {
    const dateFormat = `yyyy-MM-dd'${'x'.repeat(64 - 12)}'`;
    expect(dateFormat).toHaveLength(64);
    const { stream } = await service.exportStudentAnalytics(2, { format: 'csv', dateFormat, delimiter: '|'.repeat(8) });
    const text = (await readAll(stream)).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('|'.repeat(8));
  });
});
