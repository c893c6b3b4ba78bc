import type { Readable } from 'node:stream';
import { toWorkbook, toXlsx } from '../../src/index.js';

/** Workbooks every independent reader checks (openpyxl, LibreOffice, exceljs). */
export interface Fixture {
  readonly name: string;
  readonly make: () => Readable;
}

export const typedRows = [
  {
    id: 1,
    name: 'Ada Lovelace',
    score: 93.456,
    rate: 0.875,
    born: '1990-12-10',
    seen: new Date('2024-01-15T14:30:45Z'),
    active: true,
    big: 12345678901234567890n,
    small: 42n,
    huge: 2 ** 60,
    bad: Number.NaN,
    meta: { tags: ['a', 'b'] },
    note: 'line one\nline two',
  },
  {
    id: 2,
    name: '漢字テスト 한국어',
    score: -0.5,
    rate: 0,
    born: '2000-02-29',
    seen: Date.UTC(1999, 11, 31, 23, 59, 59),
    active: false,
    big: -98765432109876543210n,
    small: -7n,
    huge: 123456789012345,
    bad: Number.POSITIVE_INFINITY,
    meta: [1, 2],
    note: 'tab\there & <b>bold</b> "quoted" _x0041_ ctrl\u0001 cr\r\nend',
  },
  {
    id: 3,
    name: '  padded  ',
    score: 1e-7,
    rate: 1.5,
    born: null,
    seen: null,
    active: null,
    big: null,
    small: null,
    huge: null,
    bad: null,
    meta: null,
    note: '=SUM(A1:A2)',
  },
];

export const typedColumns = [
  { key: 'id', type: 'integer' },
  { key: 'name', header: 'Name' },
  { key: 'score', type: 'decimal' },
  { key: 'rate', type: 'percent' },
  { key: 'born', type: 'date' },
  { key: 'seen', type: 'datetime' },
  { key: 'active', type: 'boolean' },
  'big',
  'small',
  'huge',
  'bad',
  'meta',
  { key: 'note', width: 30 },
] as const;

export const students = Array.from({ length: 40 }, (_, i) => ({
  student: `Student ${String(i).padStart(2, '0')}`,
  className: `Class ${String.fromCharCode(65 + (i % 3))}`,
  score: 55 + ((i * 7) % 45),
  attendance: 0.7 + ((i * 3) % 30) / 100,
  lastSeen: new Date(Date.UTC(2024, 2, 1 + (i % 28), 8 + (i % 9), 15)),
}));

export const fixtures: Fixture[] = [
  { name: 'typed', make: () => toXlsx(typedRows, { sheetName: 'Typed', columns: typedColumns as never }) },
  { name: 'plain', make: () => toXlsx(students, { headerStyle: false, freezeHeader: false, autoFilter: false, autoFit: false, wrapText: false }) },
  { name: 'colours', make: () => toXlsx(students.slice(0, 3), { headerStyle: { fill: '00B050', color: '000000', bold: true } }) },
  {
    name: 'zones',
    make: () =>
      toXlsx([{ at: new Date('2024-07-01T22:30:00Z'), day: '2024-07-01' }], {
        timeZone: 'Europe/Berlin',
        dateFormat: 'eu',
        columns: [
          { key: 'at', type: 'datetime' },
          { key: 'day', type: 'date' },
        ],
      }),
  },
  {
    name: 'report',
    make: () =>
      toWorkbook([
        {
          name: 'Student Analytics',
          rows: students,
          columns: ['student', 'className', { key: 'score', type: 'integer' }, { key: 'attendance', type: 'percent' }, { key: 'lastSeen', type: 'datetime' }],
        },
        {
          name: 'Class Summary',
          rows: ['Class A', 'Class B', 'Class C'].map((className) => {
            const of = students.filter((s) => s.className === className);
            return { className, students: of.length, average: of.reduce((a, s) => a + s.score, 0) / of.length };
          }),
          columns: ['className', 'students', { key: 'average', type: 'decimal' }],
        },
        {
          name: 'Performance',
          rows: [
            { metric: 'Top score', value: 99 },
            { metric: 'Pass rate', value: 0.85 },
          ],
        },
      ]),
  },
  {
    name: 'names',
    make: () =>
      toWorkbook([
        { name: 'Q1/Q2: [draft]?', rows: [{ a: 1 }] },
        { name: 'x'.repeat(40), rows: [{ a: 2 }] },
        { name: 'DATA', rows: [{ a: 3 }] },
        { name: 'data', rows: [{ a: 4 }] },
        { name: 'History', rows: [{ a: 5 }] },
      ]),
  },
];
