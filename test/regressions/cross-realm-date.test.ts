// A Date made in another realm (a `node:vm` context, Jest's test environment, an iframe) is not
// `instanceof Date` here: an untyped XLSX cell held the quoted JSON of its toJSON() (`"2024-…Z"`)
// as text, CSV wrote `"""2024-…Z"""`, and a `datetime` column refused it as "an object (Date)".
// Every writer and helper now takes a Date of any realm as a date.
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { exportFileName, formatDate, formatDates, toCsv, toWorkbook, toXlsx } from '../../src/index.js';
import { isDate } from '../../src/base/isDate.js';
import { readAll, readText } from '../helpers/streams.js';
import { unzip } from '../helpers/unzip.js';

const foreign = (iso: string): Date => runInNewContext(`new Date(${JSON.stringify(iso)})`) as Date;
const when = foreign('2024-01-15T09:30:00.000Z');

async function sheetXml(stream: ReturnType<typeof toXlsx>): Promise<string> {
  return (
    unzip(await readAll(stream))
      .find((e) => e.name === 'xl/worksheets/sheet1.xml')
      ?.data.toString('utf8') ?? ''
  );
}

it('is a date to isDate, and an object that only says so is not', () => {
  expect(when instanceof Date).toBe(false);
  expect(isDate(when)).toBe(true);
  expect(isDate({ [Symbol.toStringTag]: 'Date', getTime: () => 0 })).toBe(false);
  expect(isDate('2024-01-15')).toBe(false);
});

it('is written by toCsv as a Date of this realm is, in a plain column and in a nested value', async () => {
  const csv = (at: Date) => readText(toCsv([{ at, nested: { at } }], { timeZone: 'UTC', dateFormat: 'full', bom: false }));
  expect(await csv(when)).toBe(await csv(new Date(when.getTime())));
  expect((await csv(when)).split('\r\n')[1]).toBe('2024-01-15 09:30:00,"{""at"":""2024-01-15T09:30:00.000Z""}"');
});

it('is a date serial in an untyped, a datetime and a link-template XLSX cell, and in the totals', async () => {
  const xml = await sheetXml(
    toXlsx([{ at: when, typed: when, linked: when }], {
      timeZone: 'UTC',
      columns: ['at', { key: 'typed', type: 'datetime' }, { key: 'linked', type: 'date', link: 'https://x.org/{linked}' }],
      table: { totals: { typed: 'max' } },
    }),
  );
  const serial = 45306.3958333333;
  expect(xml).toMatch(new RegExp(`<c r="A2" s="\\d+"><v>${String(serial).slice(0, 10)}\\d*</v></c>`));
  expect(xml).toMatch(new RegExp(`<c r="B2" s="\\d+"><v>${String(serial).slice(0, 10)}\\d*</v></c>`));
  expect(xml).toMatch(/<c r="C2" s="\d+"><v>45306<\/v><\/c>/);
  expect(xml).toMatch(/<f>SUBTOTAL\(104,B2:B2\)<\/f><v>45306\.39583/);
});

it('is a date to formatDates, formatDate, exportFileName, createdAt and a date validation', async () => {
  const rows: unknown[] = [];
  for await (const row of formatDates([{ at: when }], 'full', { timeZone: 'UTC' })) rows.push(row);
  for await (const row of formatDates([[when]], 'full', { timeZone: 'UTC' })) rows.push(row);
  expect(rows).toEqual([{ at: '2024-01-15 09:30:00' }, ['2024-01-15 09:30:00']]);
  expect(formatDate(when, 'iso', { timeZone: 'UTC' })).toBe('2024-01-15');
  expect(exportFileName('report', 'csv', { date: when })).toBe(exportFileName('report', 'csv', { date: new Date(when.getTime()) }));
  const book = unzip(
    await readAll(
      toWorkbook([{ name: 'S', rows: [{ d: when }], columns: [{ key: 'd', type: 'date', validation: { type: 'date', min: when } }] }], { createdAt: when }),
    ),
  );
  expect(book.find((e) => e.name === 'docProps/core.xml')?.data.toString()).toContain('2024-01-15T09:30:00Z');
  expect(book.find((e) => e.name === 'xl/worksheets/sheet1.xml')?.data.toString()).toMatch(/<formula1>45306<\/formula1>/);
});
