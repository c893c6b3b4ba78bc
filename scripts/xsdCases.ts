/**
 * The workbooks that `scripts/validateXsd.ts` checks against the ECMA-376 schemas, besides the golden
 * cases: together they use every XLSX option and feature of the public API, several variants of
 * each, so that every XML part rowport can write is validated. Small deterministic rows (at most 200),
 * but `links-past-native-limit` (65,600 rows: native hyperlinks, then `HYPERLINK` formulas).
 */
import type { Readable } from 'node:stream';
import { type ChartSpec, type ConditionalFormat, type SheetSpec, type XlsxColumnSpec, toWorkbook, toXlsx } from '../src/index.js';
import { ICON_SETS } from '../src/xlsx/features/conditionalFormats/conditionalFormatOptions.js';
import { ALLOWS } from '../src/xlsx/features/protection/protectionFeature.js';

/** A 1×1 RGBA PNG, a 16×8 RGB PNG and a 2×2 baseline JPEG (made once with sharp, kept as their bytes). */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADUlEQVR4nGN4W2v4HwAGkQKbs7sZOAAAAABJRU5ErkJggg==',
  'base64',
);
const PNG_16X8 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAICAIAAAB/FOjAAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAE0lEQVR42mOQt0ghCTGMaqCFBgB5MV2BDbM+hAAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG_2X2 = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCSAHVXf//Z',
  'base64',
);

const NAMES = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'];
const CLASSES = ['7A', '7B', '8A', '8B', '9A'];

/** `count` students, the same on every call. */
function students(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `${NAMES[i % NAMES.length]} ${String.fromCharCode(65 + (i % 26))}.`,
    className: CLASSES[i % CLASSES.length]!,
    score: 40 + ((i * 37) % 61) + (i % 4) * 0.25,
    attempts: 1 + ((i * 7) % 9),
    attendance: 0.6 + ((i * 13) % 40) / 100,
    passed: i % 3 !== 0,
    joined: new Date(Date.UTC(2024, i % 12, 1 + (i % 28), 8 + (i % 9), (i * 7) % 60)),
    email: `student${i + 1}@school.example`,
    profile: `https://school.example/students/${i + 1}`,
  }));
}
type Student = ReturnType<typeof students>[number];

/** Weekly figures: a date category axis and percent series. */
function weeks(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    week: new Date(Date.UTC(2024, 8, 2 + 7 * i)),
    at: new Date(Date.UTC(2024, 8, 2 + 7 * i, 9 + (i % 3), 30)),
    n: i + 1,
    attendance: 0.8 + ((i * 7) % 17) / 100,
    onTime: 0.7 + ((i * 5) % 23) / 100,
    late: (i * 3) % 11,
  }));
}

/** Rows of links for the sheet past Excel's 65,530 hyperlinks, made as they are read. */
function* linkRows(count: number) {
  for (let i = 0; i < count; i++) {
    yield {
      id: i + 1,
      site: i % 2 === 0 ? `https://school.example/s/${i + 1}?tab=grades&year=2024` : { text: `Student ${i + 1}`, url: `https://school.example/s/${i + 1}` },
      email: `pupil${i + 1}@school.example`,
    };
  }
}

const STUDENT_COLUMNS = [
  { key: 'id', header: 'ID', type: 'integer' },
  { key: 'name', header: 'Student' },
  { key: 'className', header: 'Class' },
  { key: 'score', header: 'Score', type: 'decimal' },
  { key: 'attempts', type: 'integer' },
  { key: 'attendance', header: 'Attendance', type: 'percent' },
  { key: 'passed', type: 'boolean' },
  { key: 'joined', type: 'datetime' },
] as const satisfies readonly XlsxColumnSpec<Student>[];

/** Every cell type and number format of a column: integer, decimal, percent, numFmt, dates, booleans, text with line breaks. */
function typesCase(): Readable {
  const rows = students(60).map((s, i) => ({ ...s, memo: i % 4 === 0 ? `line one of ${s.name}\nline two, a rather longer line of text` : `memo ${i}` }));
  return toXlsx(rows, {
    sheetName: 'Types',
    columns: [
      ...STUDENT_COLUMNS,
      { key: 'day', header: 'Day', type: 'date', value: (row) => row.joined },
      { key: 'score2', header: 'Score (fmt)', value: (row) => row.score * 1000, numFmt: '#,##0.0 "pts";[Red]-#,##0.0' },
      { key: 'ratio', header: 'Ratio', value: (row) => row.attendance, numFmt: '0.0%' },
      { key: 'code', header: 'Code', type: 'string', value: (row) => row.id * 100 },
      { key: 'memo', width: 24 },
      { key: 'email', width: 30 },
    ],
    total: 60,
    onProgress: () => {},
    progressInterval: 10,
    maxRows: 60,
    signal: new AbortController().signal,
  });
}

/** Values at the edges: empty cells, numbers that are errors, bigints, numeric strings, objects, text XML cannot hold as it is. */
function edgeValues(): unknown[] {
  return [
    null,
    undefined,
    '',
    true,
    false,
    0,
    -0,
    6.022e23,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2n ** 53n,
    9223372036854775807n,
    -17n,
    { a: 1, b: [1, 2] },
    [1, 'two', null],
    new Map([['k', 1]]),
    new Set([1, 2]),
    /ab+c/gi,
    new Uint8Array([1, 2, 3]),
    new Date(Date.UTC(1899, 11, 31)),
    new Date(Date.UTC(1900, 1, 28)),
    new Date(Date.UTC(1900, 2, 1)),
    new Date(Date.UTC(9999, 11, 31, 23, 59, 59)),
    'a & b < c > d "e" \'f\'',
    'ctrl \u0001\u0002\u001f tab\tcr\r\nlf\n',
    'literal _x0041_ escape',
    'lone \uD800 surrogate',
    '  spaces both ends  ',
    'x'.repeat(40_000),
    'emoji 👩‍🎓 CJK 漢字 ｆｕｌｌ',
    '=SUM(A1:A2)',
    '\uFFFE\uFFFF end',
  ];
}

function valuesCase(): Readable {
  const values = edgeValues();
  const numeric = ['12.50', '+5', '007', '1e3', '-0', '12345678901234567.89', '1,5', ' 7 ', 'Infinity', '9007199254740993'];
  const rows = values.map((value, i) => ({ i, value, num: numeric[i % numeric.length], big: BigInt(i) * 10n ** 16n + 1n, text: value }));
  return toXlsx(rows, {
    columns: [
      'i',
      'value',
      { key: 'num', type: 'decimal' },
      { key: 'big', type: 'integer' },
      { key: 'text', type: 'string' },
      { key: 'pct', type: 'percent', value: (r) => String(r.num) },
    ],
    onWarning: () => {},
  });
}

const DATE_ROWS = [0, 1, 2, 3, 4, 5].map((i) => ({
  at: new Date(Date.UTC(2024, 2 * i, 1 + 5 * i, 3 * i, 7 * i, 11 * i)),
  day: `2024-0${1 + i}-1${i}`,
  epoch: Date.UTC(2023, i, 15, 12),
}));

/** The same dates in every column form, shown in `dateFormat` and `timeZone`. */
function datesCase(dateFormat: string, timeZone: string): Readable {
  return toXlsx(DATE_ROWS, {
    sheetName: `Dates ${dateFormat}`,
    columns: [
      'at',
      { key: 'asDate', header: 'As date', type: 'date', value: (r) => r.at },
      { key: 'asDatetime', header: 'As datetime', type: 'datetime', value: (r) => r.at },
      { key: 'day', type: 'date' },
      { key: 'epoch', type: 'datetime' },
      { key: 'ownFmt', value: (r) => r.at, type: 'date', numFmt: 'dddd, d mmmm yyyy' },
    ],
    dateFormat,
    timeZone,
  });
}

/** Every kind of conditional format, on the sheet and on columns, with every style field. */
function conditionalFormatsCase(): Readable {
  const hot = { bold: true, italic: true, color: '9C0006', fill: 'FFC7CE', align: 'center', border: 'thick' } as const;
  const formats: ConditionalFormat[] = [
    { type: 'colorScale', column: 'score' },
    { type: 'colorScale', column: 'attempts', colors: ['#FFFFFF', '#63BE7B'] },
    { type: 'colorScale', column: 'attendance', colors: ['FF0000', 'FFFF00', 'FF00FF00'] },
    { type: 'dataBar', column: 'score', color: '#2E75B6' },
    { type: 'iconSet', column: 'attempts', icons: '4Rating', reverse: true, showValue: false },
    { type: 'cell', column: 'score', operator: '>', value: 90, style: { fill: 'C6EFCE' } },
    { type: 'cell', column: 'score', operator: '>=', value: 85.5, style: { bold: true } },
    { type: 'cell', column: 'score', operator: '<', value: 50, style: hot },
    { type: 'cell', column: 'score', operator: '<=', value: 45, style: { border: true } },
    { type: 'cell', column: 'className', operator: '=', value: '7A', style: { italic: true } },
    { type: 'cell', column: 'className', operator: '!=', value: 'say "hi" & <bye>', style: { color: '#0000FF' } },
    { type: 'cell', column: 'score', operator: 'between', value: [60, 70], style: { border: 'thin' } },
    { type: 'cell', column: 'className', operator: 'notBetween', value: ['7A', '8A'], style: { border: 'medium' } },
    { type: 'text', column: 'name', contains: 'ada', style: { bold: true, align: 'left' } },
    { type: 'text', column: 'name', contains: 'a "quoted" & <odd> one', style: { align: 'right' } },
    { type: 'top', column: 'score', style: { fill: 'C6EFCE' } },
    { type: 'top', column: 'attempts', count: 3, style: { fill: 'FFEB9C' } },
    { type: 'bottom', column: 'score', count: 10, percent: true, style: { fill: 'FFC7CE' } },
    { type: 'bottom', column: 'attempts', count: 2, style: { italic: true } },
    { type: 'aboveAverage', column: 'attendance', style: { color: '006100' } },
    { type: 'belowAverage', column: 'attendance', style: { color: '9C0006' } },
    { type: 'cell', column: 'joined', operator: '>', value: 45_400, style: { bold: true } },
  ];
  const columns = STUDENT_COLUMNS.map((c) =>
    c.key === 'score' ? { ...c, conditionalFormats: [{ type: 'dataBar' }, { type: 'iconSet' }] satisfies ConditionalFormat[] } : c,
  );
  return toXlsx(students(80), { columns, conditionalFormats: formats });
}

/** All 17 icon sets, one rule each, on one column and on the sheet. */
function iconSetsCase(): Readable {
  const formats: ConditionalFormat[] = ICON_SETS.map((icons, i) => ({ type: 'iconSet', column: i % 2 ? 'score' : 'attempts', icons, reverse: i % 3 === 0 }));
  return toXlsx(students(30), { columns: STUDENT_COLUMNS, conditionalFormats: formats, autoFilter: false });
}

/** A table with a totals row of every function and label, named and styled. */
function tableTotalsCase(): Readable {
  return toXlsx(students(50), {
    sheetName: 'Class Summary',
    columns: [
      ...STUDENT_COLUMNS,
      { key: 'spread', type: 'decimal', value: (r) => r.score / 3 },
      { key: 'vary', type: 'decimal', value: (r) => r.attempts * 1.5 },
    ],
    table: {
      name: 'Scores',
      style: 'TableStyleLight9',
      totals: {
        id: 'count',
        name: { label: 'Sum' },
        className: 'Totals & <more>',
        score: 'average',
        attempts: 'sum',
        attendance: 'min',
        passed: 'countNums',
        joined: 'max',
        spread: 'stdDev',
        vary: 'var',
      },
    },
  });
}

/** Tables with unusual headers (blank, repeated, line breaks), no style, no banding, and `table: true`. */
function tableVariantsCase(): Readable {
  const rows = students(12);
  return toWorkbook(
    [
      { name: 'Plain', rows, table: true },
      {
        name: 'Odd headers',
        rows,
        columns: [
          { key: 'id', header: '' },
          { key: 'score', header: 'score' },
          { key: 'attempts', header: 'Score' },
          { key: 'name', header: 'Two\nlines\tand tab' },
          { key: 'joined', header: 'Ctrl \u0001 char', type: 'date' },
        ],
        table: { name: '\\Odd.table_2', style: 'none', bandedRows: false, totals: { joined: 'min', score: 'max' } },
      },
      { name: 'Dark', rows, columns: STUDENT_COLUMNS, table: { style: 'TableStyleDark11', bandedRows: true, totals: { score: 'sum' } } },
      { name: 'Dark', rows: [], columns: STUDENT_COLUMNS, table: { style: 'TableStyleMedium28', totals: { score: 'average', id: 'Total' } } },
    ] as SheetSpec<any>[],
    { autoFilter: true },
  );
}

/** Every kind of link: `url` columns of strings and `{ text, url }`, mailto, templates over text, numbers and dates, and targets that stay text. */
function linkColumns(): XlsxColumnSpec<any>[] {
  return [
    { key: 'id', type: 'integer', link: 'https://school.example/by-id/{id}' },
    { key: 'name', link: 'https://school.example/students/{name}?class={className}&q=a+b' },
    { key: 'email', link: 'mailto:{email}' },
    { key: 'profile', type: 'url' },
    { key: 'joined', type: 'date', link: 'https://school.example/day/{joined}' },
    { key: 'score', type: 'decimal', link: 'http://school.example/score?v={score}' },
  ];
}

function linkRowsSmall() {
  const targets = [
    (s: Student) => s.profile,
    (s: Student) => ({ text: `Profile of ${s.name}`, url: s.profile }),
    (s: Student) => ({ url: `mailto:${s.email}?subject=Grades & more` }),
    () => 'javascript:alert(1)',
    () => 'relative/path.html',
    () => '#Sheet1!A1',
    (s: Student) => ({ text: `long ${'text '.repeat(80)}"quoted"\u0007 _x0041_`, url: `${s.profile}/${'deep/'.repeat(20)}` }),
    () => 'https://école.example/ünï?x=1&y=<2>',
    () => null,
  ];
  return students(45).map((s, i) => ({ ...s, profile: targets[i % targets.length]!(s) }));
}
type LinkStudent = ReturnType<typeof linkRowsSmall>[number];

/** A title block above everything that moves down with it: header, pane, table, formats, charts, print titles. */
function titleBlockCase(): Readable {
  const charts: ChartSpec[] = [{ type: 'column', title: 'Scores', categories: 'name', series: ['score'] }];
  return toXlsx(students(20), {
    sheetName: 'Titled',
    columns: STUDENT_COLUMNS,
    title: 'Year 8 mathematics: autumn term & <more>',
    subtitle: 'Generated 2026-11-28 10:00 UTC',
    preamble: ['Classes 7A to 9A', 'Scores are the mean of all quizzes', ''],
    table: { totals: { name: 'Mean score', score: 'average' } },
    conditionalFormats: [{ type: 'colorScale', column: 'score' }],
    charts,
    print: { repeatHeader: true, orientation: 'landscape' },
    headerFooter: { header: '&CTitled sheet' },
  });
}

/** Pictures: PNG and JPEG, own size, one side, both sides, alt text, the same bytes twice, with a chart in the same drawing. */
function imagesCase(): Readable {
  return toXlsx(students(15), {
    columns: STUDENT_COLUMNS,
    images: [
      { image: PNG_16X8, cell: 'K2', altText: 'What the colours mean & <why>' },
      { image: JPEG_2X2, cell: 'K12', width: 240 },
      { image: PNG_16X8, cell: 'P2', width: 120, height: 40 },
      { image: PNG_1X1, cell: 'A20', height: 10 },
      { image: new Uint8Array(JPEG_2X2), cell: 'XFD1048576' },
    ],
    charts: [{ type: 'line', categories: 'name', series: ['score', 'attendance'], anchor: 'K20' }],
  });
}

/** Pictures and logos across sheets: bytes shared between sheets, a logo with and without a title. */
function imagesWorkbookCase(): Readable {
  const rows = students(8);
  return toWorkbook([
    {
      name: 'Logo and title',
      rows,
      title: 'Quarterly scores',
      subtitle: 'By the school office',
      logo: { image: PNG_16X8, height: 48, altText: 'Northwind School' },
    },
    { name: 'Logo only', rows, logo: { image: JPEG_2X2, width: 40 } },
    { name: 'Logo and preamble', rows, preamble: ['Only a preamble'], logo: { image: PNG_1X1, width: 20, height: 20 } },
    {
      name: 'Pictures',
      rows,
      images: [
        { image: PNG_16X8, cell: 'B2' },
        { image: JPEG_2X2, cell: 'D4', altText: 'photo' },
      ],
    },
    {
      name: 'Charts and pictures',
      rows,
      columns: STUDENT_COLUMNS,
      charts: [{ type: 'pie', categories: 'name', series: ['attempts'] }],
      images: [{ image: PNG_16X8, cell: 'M2' }],
    },
    { name: 'None', rows, images: [] },
  ] as SheetSpec<any>[]);
}

/** Styles on columns (every field) and rows (banding and a highlight over them). */
function stylesCase(): Readable {
  const BAND = { fill: 'F2F2F2' } as const;
  const LOW = { fill: 'FFC7CE', color: '9C0006', bold: true, border: 'medium' } as const;
  return toXlsx(students(40), {
    columns: [
      { key: 'id', style: { align: 'right', border: true } },
      { key: 'name', style: { bold: true, italic: true, color: '#1F3864' } },
      { key: 'className', style: { align: 'center', fill: 'FFEB9C', border: 'thick' } },
      { key: 'score', type: 'decimal', style: { align: 'left', border: 'thin', color: 'FF006100' } },
      { key: 'attendance', type: 'percent', style: { fill: '#DDEBF7' } },
      { key: 'joined', type: 'date', style: { italic: true } },
      { key: 'passed', type: 'boolean', style: {} },
    ],
    rowStyle: (row, index) => (row.score < 50 ? LOW : index % 2 === 0 ? BAND : undefined),
    headerStyle: { fill: 'FF1F3864', color: 'FFFFFF', bold: true },
  });
}

/** Dropdowns inline and on the hidden sheet, range rules of every type, prompts and error styles. */
function validationColumns(): XlsxColumnSpec<any>[] {
  const long = Array.from({ length: 300 }, (_, i) => `Option ${i + 1}`);
  return [
    'name',
    {
      key: 'status',
      value: () => null,
      validation: {
        list: ['present', 'absent', 'excused'],
        prompt: { title: 'Attendance', message: 'Pick one from the list' },
        error: { title: 'Not a choice', message: 'Use the dropdown' },
      },
    },
    { key: 'odd', value: () => null, validation: { list: ['a, b', 'say "hi"', "it's", '<&>'], allowBlank: false } },
    { key: 'long', value: () => null, validation: { list: long, prompt: { message: 'One of 300' }, error: { message: 'Not listed', style: 'warning' } } },
    { key: 'again', value: () => null, validation: { list: long } },
    {
      key: 'grade',
      type: 'integer',
      value: () => null,
      validation: { type: 'whole', min: 0, max: 20, allowBlank: false, error: { message: 'A grade is 0 to 20', style: 'stop' } },
    },
    { key: 'ratio', type: 'decimal', value: () => null, validation: { type: 'decimal', min: -1.5 } },
    { key: 'cap', type: 'decimal', value: () => null, validation: { type: 'decimal', max: 99.25, error: { message: 'At most 99.25', style: 'information' } } },
    { key: 'handedIn', type: 'date', value: () => null, validation: { type: 'date', min: '2026-09-01', prompt: { message: 'On or after the start of term' } } },
    { key: 'due', type: 'date', value: () => null, validation: { type: 'date', min: new Date(Date.UTC(2026, 8, 1)), max: new Date(Date.UTC(2027, 5, 30)) } },
    { key: 'comment', value: () => null, validation: { type: 'textLength', max: 140 } },
    { key: 'code', value: () => null, validation: { type: 'textLength', min: 3, max: 8 } },
  ];
}

/** The same long list on several sheets (stored once), a sheet the user named `Lists`, rules on a sheet without a header. */
function validationWorkbookCase(): Readable {
  const rows = students(10);
  const long = { list: Array.from({ length: 120 }, (_, i) => `Choice number ${i + 1}`) };
  return toWorkbook([
    { name: 'Lists', rows, columns: ['name', { key: 'pick', value: () => null, validation: long }] },
    {
      name: 'Second',
      rows,
      columns: ['name', { key: 'pick', value: () => null, validation: long }, { key: 'other', value: () => null, validation: { list: ['x,y', 'z'] } }],
    },
    { name: 'No header', rows, header: false, columns: ['name', { key: 'n', type: 'integer', value: () => null, validation: { type: 'whole', min: 1 } }] },
    { name: 'Empty', rows: [], columns: ['name', { key: 'pick', validation: long }] },
  ] as SheetSpec<any>[]);
}

/** Header notes and cell notes, with text XML must escape, on several sheets (one without notes between). */
function notesWorkbookCase(): Readable {
  const rows = students(30);
  const cellNote = (row: Student, index: number) =>
    row.attempts > 6 ? { attempts: `Took ${row.attempts} tries`, name: index % 2 ? 'Line one\nline two & <three>' : undefined } : undefined;
  return toWorkbook([
    { name: 'Notes', rows, columns: [{ key: 'name', note: 'The student\'s "full" name & <class>' }, { key: 'attempts', note: 'Out of 9' }, 'score'], cellNote },
    { name: 'Without', rows },
    { name: 'Cells only', rows, columns: ['name', 'attempts', { key: 'profile', type: 'url' }], cellNote, header: false },
    { name: 'Header only', rows: [], columns: [{ key: 'a', note: 'A note on an empty sheet' }] },
  ] as SheetSpec<any>[]);
}

/** Protection: `true`, a password with every allowance, and only the unlocked cells selectable. */
function protectionWorkbookCase(): Readable {
  const rows = students(10);
  const editable = [
    'name',
    { key: 'grade', value: () => null, locked: false },
    { key: 'score', type: 'decimal', locked: true },
    { key: 'comment', value: () => null, locked: false, width: 40 },
  ];
  return toWorkbook([
    { name: 'Locked', rows, protect: true },
    {
      name: 'Everything allowed',
      rows,
      columns: editable,
      protect: {
        password: 'teacher-2026 & <x>',
        allow: ALLOWS,
      },
    },
    { name: 'Unlocked only', rows, columns: editable, protect: { password: 'grades', allow: ['selectUnlockedCells'] } },
    { name: 'Nothing allowed', rows, columns: editable, protect: { allow: [] } },
    { name: 'Unprotected but unlocked', rows, columns: editable },
  ] as SheetSpec<any>[]);
}

/** Formula columns: templates and functions, with cached values of every kind, and without (calculated on load). */
function formulasCase(): Readable {
  const rows = students(25).map((s) => ({ ...s, max: 100 }));
  return toXlsx(rows, {
    columns: [
      'name', // A
      { key: 'score', type: 'decimal' }, // B
      { key: 'max', type: 'decimal' }, // C
      { key: 'ratio', type: 'percent', formula: 'B{r}/C{r}', value: (row) => row.score / row.max }, // D
      { key: 'passed', formula: (_row, r) => `IF(D${r}>=0.5,"yes","no")` }, // E, no cached value
      { key: 'label', formula: '=A{r}&" (" & TEXT(D{r},"0%") & ")"', value: (row) => `${row.name} & co` },
      { key: 'joined', type: 'date', formula: 'DATE(2024,1,{r})' },
      { key: 'flag', formula: 'D{r}>0.5', value: (row) => row.score > 50 },
      { key: 'big', type: 'integer', formula: 'C{r}*10', value: () => 1000n },
      { key: 'json', formula: '"{}"', value: () => ({ a: 1 }) },
      { key: 'nan', formula: '1/0', value: () => Number.NaN },
      { key: 'constant', formula: 'PI()' },
    ],
    table: { totals: { score: 'sum', passed: 'count', constant: 'sum' } },
  });
}

/** One sheet with every feature at once, so the worksheet's elements all appear, in the schema's order. */
function everythingCase(): Readable {
  return toXlsx(linkRowsSmall(), {
    sheetName: "Everything 'at' once",
    columns: [
      ...linkColumns(),
      { key: 'attempts', type: 'integer', note: 'Tries', style: { align: 'center' }, conditionalFormats: [{ type: 'dataBar' }] },
      { key: 'grade', type: 'integer', value: () => null, locked: false, validation: { type: 'whole', min: 0, max: 20 } },
      { key: 'ratio', type: 'percent', formula: 'F{r}/100', value: (row: LinkStudent) => row.score / 100 },
    ],
    title: 'Everything',
    subtitle: 'at once',
    preamble: ['a preamble line'],
    logo: { image: PNG_16X8, height: 24 },
    images: [{ image: JPEG_2X2, cell: 'P5', width: 60 }],
    charts: [{ type: 'bar', categories: 'name', series: [{ key: 'score', color: '#C00000' }], valueAxis: { min: 0, max: 100 }, dataLabels: true }],
    table: { totals: { id: 'count', score: 'average' } },
    conditionalFormats: [{ type: 'colorScale', column: 'score' }],
    cellNote: (row: LinkStudent) => (row.id % 7 === 0 ? { score: 'Checked twice' } : undefined),
    protect: { password: 'all', allow: ['selectLockedCells', 'selectUnlockedCells', 'sort', 'autoFilter'] },
    rowStyle: (row: LinkStudent) => (row.passed ? undefined : { italic: true }),
    headerFooter: { header: '&LEverything&R&D', footer: 'Page &P of &N' },
    print: { orientation: 'landscape', fitToWidth: true, paperSize: 'a4', gridlines: true, repeatHeader: true },
    onWarning: () => {},
  });
}

/** Every chart type with titles, anchors, sizes, axis titles and every legend position. */
function chartsEveryTypeCase(): Readable {
  const charts: ChartSpec[] = [
    { type: 'column', title: 'Column & <x>', categories: 'name', series: ['score', 'attempts'], legend: 'right', xAxisTitle: 'Student', yAxisTitle: 'Score' },
    { type: 'bar', title: 'Bar', categories: 'className', series: ['score'], legend: 'left', anchor: 'T2', size: { width: 300, height: 200 } },
    { type: 'line', categories: 'name', series: ['attendance', 'score'], legend: 'top', xAxisTitle: 'Who' },
    { type: 'pie', title: 'Pie', categories: 'name', series: ['attempts'], legend: 'bottom' },
    { type: 'pie', categories: 'className', series: ['score'], legend: false, size: { width: 200, height: 200 } },
    { type: 'column', categories: 'name', series: ['score'] },
    { type: 'bar', categories: 'name', series: ['attempts', 'attendance'], legend: false, anchor: 'XA1', size: { width: 100, height: 100 } },
  ];
  return toXlsx(students(12), { columns: STUDENT_COLUMNS, charts });
}

/** Charts tuned: value axes, data labels, series colours; date, number and text categories. */
function chartsTunedCase(): Readable {
  const charts: ChartSpec[] = [
    {
      type: 'column',
      categories: 'week',
      series: [{ key: 'attendance', color: '#2E75B6' }, 'onTime'],
      valueAxis: { min: 0, max: 1, majorUnit: 0.25, numFmt: '0%' },
      dataLabels: { numFmt: '0.0%' },
    },
    { type: 'bar', categories: 'n', series: [{ key: 'late', color: '#C00000' }], valueAxis: { min: -5, max: 15 }, dataLabels: true },
    { type: 'line', categories: 'at', series: ['attendance', { key: 'onTime' }], valueAxis: { majorUnit: 0.05 }, dataLabels: false },
    {
      type: 'line',
      categories: 'week',
      series: [{ key: 'late', color: '#00B050' }],
      valueAxis: { numFmt: '0 "late"' },
      yAxisTitle: 'Late',
      xAxisTitle: 'Week',
    },
    { type: 'pie', categories: 'week', series: ['late'], dataLabels: true },
    { type: 'pie', categories: 'n', series: [{ key: 'late' }], dataLabels: { numFmt: '0' } },
    { type: 'column', categories: 'n', series: ['late'], valueAxis: { max: 20 } },
  ];
  return toXlsx(weeks(14), {
    columns: [
      { key: 'week', type: 'date' },
      { key: 'at', type: 'datetime' },
      { key: 'n', type: 'integer' },
      { key: 'attendance', type: 'percent' },
      { key: 'onTime', numFmt: '0.0%' },
      { key: 'late', type: 'integer' },
    ],
    charts,
  });
}

/** Charts on sheets without a header, empty sheets, and sheets of several `dateFormat`s. */
function chartsWorkbookCase(): Readable {
  const rows = weeks(10);
  const charts: ChartSpec[] = [{ type: 'line', title: 'Attendance', categories: 'week', series: ['attendance', 'onTime'] }];
  const columns = [{ key: 'week', type: 'date' }, { key: 'attendance', type: 'percent' }, 'onTime'];
  return toWorkbook(
    [
      { name: 'No header', rows, columns, header: false, charts },
      { name: 'Empty', rows: [], columns, charts: [...charts, { type: 'pie', categories: 'week', series: ['onTime'] }] },
      { name: 'EU', rows, columns, charts, dateFormat: 'eu' },
      {
        name: 'Own pattern',
        rows,
        columns: [...columns, 'at', 'late'],
        charts: [{ type: 'column', categories: 'at', series: ['late'] }],
        dateFormat: 'dd/MM/yyyy HH:mm',
      },
    ] as SheetSpec<any>[],
    { dateFormat: 'us' },
  );
}

/** Print setups: every named paper size, a numbered one, orientations, fitting, gridlines, header and footer codes. */
function printWorkbookCase(): Readable {
  const rows = students(30);
  const sizes = ['letter', 'legal', 'tabloid', 'executive', 'a3', 'a4', 'a5', 'b4', 'b5', 1, 118] as const;
  const sheets = sizes.map((paperSize, i) => ({
    name: `Paper ${paperSize}`,
    rows,
    print: { paperSize, orientation: i % 2 ? 'portrait' : 'landscape', fitToWidth: i % 3 === 0, gridlines: i % 2 === 0, repeatHeader: i % 4 !== 1 },
    headerFooter:
      i % 3 === 0
        ? { header: '&L&A&C&F&R&D &T' }
        : i % 3 === 1
          ? { footer: 'R&&D: page &P of &N' }
          : { header: 'Centred <text> "quoted"', footer: '&RRight only' },
  }));
  return toWorkbook([
    ...sheets,
    { name: 'Print no header', rows, header: false, print: { repeatHeader: true, fitToWidth: true } },
    { name: 'Print empty', rows, print: {}, headerFooter: {} },
  ] as SheetSpec<any>[]);
}

/** Sheet names Excel would refuse, each repaired. */
function sheetNamesCase(): Readable {
  const names = ['History', 'a[b]:c*?/\\d', 'x'.repeat(40), "'quoted'", 'Data', 'DATA', '', '   ', 'a_x0041_b', 'Tab\u0001ctrl', 'Ünïcödé 漢字 & <x>'];
  return toWorkbook(
    names.map((name, i) => ({ name, rows: [{ i, name }] })),
    { onWarning: () => {} },
  );
}

/** Workbook options: the look off, and every per-sheet override of `header`, `dateFormat`, `timeZone`, `maxRows`, `links`. */
function workbookOptionsCase(): Readable {
  const rows = students(20);
  return toWorkbook(
    [
      { name: 'Defaults', rows, columns: STUDENT_COLUMNS },
      { name: 'Berlin EU', rows, dateFormat: 'eu', timeZone: 'Europe/Berlin', maxRows: 20 },
      { name: 'No header', rows, header: false, dateFormat: 'full' },
      { name: 'Formula links', rows: linkRowsSmall(), columns: linkColumns(), links: 'formula' },
      { name: 'Auto links', rows: linkRowsSmall(), columns: linkColumns(), links: 'auto' },
      { name: 'Styled', rows, columns: STUDENT_COLUMNS, rowStyle: (r: Student) => (r.passed ? { bold: true } : undefined), title: 'Styled sheet' },
    ] as SheetSpec<any>[],
    {
      header: true,
      dateFormat: 'us',
      timeZone: 'America/New_York',
      headerStyle: { bold: false, fill: null, color: '#C00000' },
      freezeHeader: false,
      autoFilter: false,
      autoFit: { sampleRows: 3, minWidth: 2, maxWidth: 14 },
      wrapText: false,
      onRowLimit: 'error',
      onWarning: () => {},
      createdAt: new Date(Date.UTC(2025, 5, 6, 7, 8, 9)),
      creator: 'XSD <check> & "co"',
      compressionLevel: 1,
      sharedStrings: false,
      cellReferences: false,
      total: 120,
      onProgress: () => {},
    },
  );
}

/** Rows with gaps (a cell after an empty one keeps its reference) with `cellReferences: false`, totals and a title keeping theirs. */
function cellReferencesCase(): Readable {
  const rows = students(30).map((s, i) => ({ ...s, name: i % 3 === 0 ? null : s.name, score: i % 4 === 1 ? undefined : s.score }));
  return toXlsx(rows, {
    columns: [...STUDENT_COLUMNS, { key: 'profile', type: 'url' }, { key: 'calc', formula: 'D{r}*2', value: (r) => (r.score ?? 0) * 2 }],
    cellReferences: false,
    title: 'No references',
    table: { totals: { id: 'count', score: 'sum' } },
    cellNote: (row) => (row.id === 5 ? { attempts: 'fifth' } : undefined),
  });
}

/** An empty source with columns and every feature over its (no) rows. */
function emptyWithFeaturesCase(): Readable {
  return toXlsx([] as Student[], {
    columns: [
      ...STUDENT_COLUMNS,
      { key: 'pick', value: () => null, validation: { list: ['a', 'b'] }, note: 'choose', locked: false },
      { key: 'profile', type: 'url' },
    ],
    title: 'Nothing yet',
    logo: { image: PNG_1X1, height: 8 },
    table: { totals: { score: 'average', attempts: 'sum', name: 'Total' } },
    conditionalFormats: [
      { type: 'colorScale', column: 'score' },
      { type: 'top', column: 'score', style: { bold: true } },
    ],
    charts: [{ type: 'column', categories: 'name', series: ['score'] }],
    images: [{ image: PNG_16X8, cell: 'C3' }],
    protect: true,
    print: { fitToWidth: true },
    headerFooter: { footer: '&P' },
  });
}

/** Text that repeats across the sheets of one shared-string table, and text it must escape. */
function valuesRowsForStrings() {
  return Array.from({ length: 40 }, (_, i) => ({ a: NAMES[i % 3], b: `  padded ${i % 5}  `, c: 'ctrl \u0001 & <x>', d: `_x00${40 + (i % 10)}_` }));
}

export const XSD_CASES: Record<string, () => NodeJS.ReadableStream | Readable> = {
  'types-and-number-formats': typesCase,
  'values-at-the-edges': valuesCase,
  'array-rows-with-holes': () =>
    toXlsx(
      [
        [1, , 3, 'x'],
        ['a', 'b'],
        [true, null, new Date(Date.UTC(2024, 0, 2)), 4n],
      ],
      { header: false },
    ),
  'array-rows-with-columns': () =>
    toXlsx(
      [
        ['Ada', 91.5, 0.97],
        ['Alan', 48, 0.81],
      ],
      {
        columns: [
          { key: '0', header: 'Name' },
          { key: '1', type: 'decimal' },
          { key: '2', header: 'Attendance', type: 'percent' },
        ],
        table: true,
      },
    ),
  'look-off': () =>
    toXlsx(students(20), {
      headerStyle: false,
      freezeHeader: false,
      autoFilter: false,
      autoFit: false,
      wrapText: false,
      onRowLimit: 'error',
      compressionLevel: 0,
      creator: 'XSD <check> & "co"',
      createdAt: new Date(Date.UTC(2025, 5, 6, 7, 8, 9)),
    }),
  'look-custom': () =>
    toXlsx(students(20), {
      columns: STUDENT_COLUMNS,
      headerStyle: { bold: false, fill: '#FFC000', color: 'FF1F3864' },
      autoFit: { sampleRows: 5, minWidth: 3, maxWidth: 12 },
      compressionLevel: 9,
      createdAt: new Date('0001-01-01T00:00:00Z'),
    }),
  'look-header-no-colours': () => toXlsx(students(5), { headerStyle: { fill: null, color: null }, autoFit: { maxWidth: 255 } }),
  'header-false': () =>
    toXlsx(students(20), {
      columns: [...STUDENT_COLUMNS.slice(0, 4), { key: 'x', note: 'no header, no note', value: () => 1 }],
      header: false,
      conditionalFormats: [{ type: 'dataBar', column: 'score' }],
      cellNote: (row) => (row.id === 2 ? { name: 'second' } : undefined),
      print: { repeatHeader: true },
    }),
  'dates-iso-utc': () => datesCase('iso', 'UTC'),
  'dates-us-new-york': () => datesCase('us', 'America/New_York'),
  'dates-eu-berlin': () => datesCase('eu', 'Europe/Berlin'),
  'dates-full-kolkata': () => datesCase('full', 'Asia/Kolkata'),
  'dates-pattern-24h': () => datesCase('dd/MM/yyyy HH:mm', 'Australia/Sydney'),
  'dates-pattern-12h-millis': () => datesCase("EEEE d MMMM yyyy 'at' h:mm:ss.SSS a", 'Pacific/Chatham'),
  'dates-pattern-literal': () => datesCase("yyyy-MM-dd'T'HH:mm:ss", 'UTC'),
  'shared-strings-off': () => toXlsx(students(30), { sharedStrings: false }),
  'shared-strings-bounded': () => toXlsx(students(60), { sharedStrings: { maxStrings: 7, maxBytes: 120 } }),
  'shared-strings-empty-table': () => toXlsx(students(10), { sharedStrings: { maxStrings: 0, maxBytes: 0 } }),
  'shared-strings-workbook': () =>
    toWorkbook(
      [
        { name: 'A', rows: students(20) },
        { name: 'B', rows: valuesRowsForStrings() },
      ],
      { sharedStrings: { maxStrings: 65_536 } },
    ),
  'cell-references-off': cellReferencesCase,
  'empty-no-columns': () => toXlsx([]),
  'empty-workbook-sheets': () =>
    toWorkbook([
      { name: 'Empty', rows: [] },
      { name: 'Empty with header', rows: [], columns: ['a', 'b'] },
    ]),
  'empty-with-features': emptyWithFeaturesCase,
  'no-columns-empty-objects': () => toXlsx([{}, {}, {}]),
  'no-columns-empty-list': () => toXlsx(students(3), { columns: [] }),
  'charts-every-type': chartsEveryTypeCase,
  'charts-tuned': chartsTunedCase,
  'charts-workbook': chartsWorkbookCase,
  'print-workbook': printWorkbookCase,
  'table-totals': tableTotalsCase,
  'table-variants': tableVariantsCase,
  'conditional-formats-every-type': conditionalFormatsCase,
  'conditional-formats-icon-sets': iconSetsCase,
  'links-native': () => toXlsx(linkRowsSmall(), { columns: linkColumns(), onWarning: () => {} }),
  'links-formula': () => toXlsx(linkRowsSmall(), { columns: linkColumns(), links: 'formula', onWarning: () => {} }),
  'links-past-native-limit': () =>
    toXlsx(linkRows(65_600), {
      columns: ['id', { key: 'site', type: 'url' }, { key: 'email', link: 'mailto:{email}' }],
      autoFit: { sampleRows: 50 },
      onWarning: () => {},
    }),
  formulas: formulasCase,
  'title-block': titleBlockCase,
  'title-only': () => toXlsx(students(5), { title: 'Only a title' }),
  'subtitle-and-preamble': () => toXlsx(students(5), { subtitle: 'A subtitle', preamble: ['one', 'two & <three>'], freezeHeader: true }),
  'title-logo-png': () =>
    toXlsx(students(10), {
      title: 'Quarterly scores',
      subtitle: 'Generated by the office',
      logo: { image: PNG_16X8, height: 48, altText: 'Northwind School' },
    }),
  'logo-only-jpeg': () =>
    toXlsx(students(10), { logo: { image: JPEG_2X2, width: 40, altText: 'A logo' }, charts: [{ type: 'column', categories: 'name', series: ['score'] }] }),
  images: imagesCase,
  'images-workbook': imagesWorkbookCase,
  styles: stylesCase,
  validation: () => toXlsx(students(15), { columns: validationColumns(), timeZone: 'Asia/Tokyo' }),
  'validation-workbook': validationWorkbookCase,
  'notes-workbook': notesWorkbookCase,
  'protection-workbook': protectionWorkbookCase,
  'sheet-names': sheetNamesCase,
  'workbook-options': workbookOptionsCase,
  everything: everythingCase,
};
