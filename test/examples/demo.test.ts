import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFile, runDemo, summaryTable } from '../../examples/demo.js';
import { generateSchool } from '../../examples/analytics/seed.js';
import { FIXED_NOW, PYTHON, haveOpenpyxl, havePython, pythonCsv, tempDir } from './support.js';
import { execFileSync } from 'node:child_process';

const SCALE = 0.05;
const school = generateSchool({ scale: SCALE });
let out: Awaited<ReturnType<typeof tempDir>>;
let files: DemoFile[];

const file = (prefix: string) => {
  const found = files.find((f) => f.fileName.startsWith(prefix));
  if (!found) throw new Error(`no file starting with ${prefix}`);
  return found;
};

beforeAll(async () => {
  out = await tempDir();
  files = await runDemo({ outDir: out.dir, scale: SCALE, log: null, now: FIXED_NOW });
});
afterAll(() => out.remove());

describe('examples/demo.ts', () => {
  it('writes the six files, named by exportFileName, and nothing else (no temp files left)', async () => {
    expect(files.map((f) => f.fileName)).toEqual([
      expect.stringMatching(/^student_analytics_2_\p{L}+_\p{L}+_20241125_103000\.csv$/u),
      'class_analytics_20241125_103000.csv',
      'metrics_20241125_103000.csv.gz',
      'students_cp1251_20241125_103000.csv',
      'class_analytics_20241125_103000.xlsx',
      'comprehensive_analytics_20241125_103000.xlsx',
    ]);
    expect((await readdir(out.dir)).sort()).toEqual(files.map((f) => f.fileName).sort());
  });

  it('reports rows and bytes that match the files', async () => {
    for (const f of files) expect((await readFile(f.path)).length).toBe(f.bytes);
    expect(file('metrics').rows).toBe(school.metrics.length);
    expect(summaryTable(files)).toContain(file('metrics').fileName);
  });

  it("writes one student's lessons with ISO dates and the chosen columns", async () => {
    const text = await readFile(file('student_analytics').path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Date', 'Class', 'Subject', 'Quiz score', 'Attended', 'Minutes spent']);
    const lessons = school.metrics.filter((m) => m.student_id === 2);
    expect(rows.length - 1).toBe(lessons.length);
    expect(file('student_analytics').rows).toBe(lessons.length);
    for (const row of rows.slice(1)) {
      expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['true', 'false']).toContain(row[4]);
    }
    const byDate = [...lessons].sort((a, b) => a.recorded_on.localeCompare(b.recorded_on) || a.recorded_at.localeCompare(b.recorded_at));
    expect(rows.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual(
      byDate.map((m) => [m.recorded_on, m.quiz_score === null ? '' : String(m.quiz_score), String(m.minutes_spent)]),
    );
  });

  it('writes per-class aggregates with ";", decimal commas and dd.MM.yyyy dates that agree with the data', async () => {
    const rows = parse(await readFile(file('class_analytics').path, 'utf8'), {
      bom: true,
      delimiter: ';',
      columns: true,
      cast: (value) => (/^-?\d+,\d+$/.test(value) ? value.replace(',', '.') : value), // 74,92 is 74.92
    }) as Record<string, string>[];
    const raw = await readFile(file('class_analytics').path, 'utf8');
    expect(raw).toMatch(/;\d+,\d+;/);
    expect(raw).not.toMatch(/;\d+\.\d+;/);
    expect(rows).toHaveLength(school.classes.length);
    for (const row of rows) {
      const id = Number(row['Class ID']);
      const lessons = school.metrics.filter((m) => m.class_id === id);
      const scores = lessons.flatMap((m) => (m.quiz_score === null ? [] : [m.quiz_score]));
      expect(Number(row.Records)).toBe(lessons.length);
      expect(Number(row.Students)).toBe(new Set(lessons.map((m) => m.student_id)).size);
      if (lessons.length === 0) continue;
      expect(Number(row['Min score'])).toBe(Math.min(...scores));
      expect(Number(row['Max score'])).toBe(Math.max(...scores));
      expect(Number(row['Average score'])).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 1);
      expect(Number(row['Attendance rate'])).toBeCloseTo(lessons.filter((m) => m.attended).length / lessons.length, 3);
      expect(row['First lesson']).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      const [d, m, y] = (row['First lesson'] as string).split('.');
      expect(`${y}-${m}-${d}`).toBe(lessons.map((l) => l.recorded_on).sort()[0]);
    }
  });

  it('writes the whole metrics table gzipped, every row intact', async () => {
    const text = gunzipSync(await readFile(file('metrics').path)).toString('utf8');
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(school.metrics.length);
    for (const [i, m] of school.metrics.entries()) {
      const row = rows[i] as Record<string, string>;
      expect(row.id).toBe(String(m.id));
      expect(row.recorded_on).toBe(m.recorded_on);
      expect(row.recorded_at).toBe(m.recorded_at.slice(0, 19).replace('T', ' '));
      expect(row.quiz_score).toBe(m.quiz_score === null ? '' : String(m.quiz_score));
    }
  });

  it('writes windows-1251 without a BOM, holding the English and Russian students', async () => {
    const bytes = await readFile(file('students_cp1251').path);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const rows = parse(iconv.decode(bytes, 'windows-1251'), { delimiter: ';', columns: true }) as Record<string, string>[];
    const tutors = new Map(school.teachers.map((t) => [t.id, t]));
    const expected = school.students.filter((s) => {
      const tutor = s.tutor_id === null ? undefined : tutors.get(s.tutor_id);
      return (s.locale === 'ru' || s.locale === 'en') && (!tutor || tutor.locale === 'ru' || tutor.locale === 'en');
    });
    expect(rows.map((r) => r.name)).toEqual(expected.map((s) => s.name));
    expect(rows.some((r) => /[А-яЁё]/.test(r.name as string))).toBe(true);
  });

  it('writes the class aggregates as XLSX with typed cells (read back by exceljs)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file('class_analytics_20241125_103000.xlsx').path);
    const sheet = book.getWorksheet('Class Summary');
    expect(sheet?.rowCount).toBe(school.classes.length + 1);
    expect(sheet?.getRow(1).getCell(1).value).toBe('Class ID');
    const first = sheet?.getRow(2);
    expect(first?.getCell(1).value).toBe(1);
    expect(typeof first?.getCell(7).value).toBe('number'); // Average score
    expect(first?.getCell(10).numFmt).toContain('%'); // Attendance rate
    expect(first?.getCell(11).value).toBeInstanceOf(Date); // First lesson, a real date
    const lessons = school.metrics.filter((m) => m.class_id === 1);
    expect(first?.getCell(6).value).toBe(lessons.length);
    expect((first?.getCell(11).value as Date).toISOString().slice(0, 10)).toBe(lessons.map((l) => l.recorded_on).sort()[0]);
  });

  it('writes the comprehensive workbook with its three sheets (read back by exceljs)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file('comprehensive').path);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Student Analytics', 'Class Summary', 'Performance']);
    // Each sheet: a title block (the logo's row, title, subtitle, an empty row) above the header; Class Summary ends in a totals row.
    expect(book.getWorksheet('Student Analytics')?.rowCount).toBe(4 + school.students.length + 1);
    expect(book.getWorksheet('Class Summary')?.rowCount).toBe(4 + school.classes.length + 2);
    expect(book.getWorksheet('Class Summary')?.getRow(2).getCell(1).value).toBe('Classes');
    const weeks = new Set(school.metrics.map((m) => m.week_start));
    const performance = book.getWorksheet('Performance');
    expect(performance?.rowCount).toBe(4 + weeks.size + 1);
    expect(Number(performance?.getRow(6).getCell(3).value)).toBe(school.metrics.filter((m) => m.week_start === '2024-09-02').length);
    expect(file('comprehensive').rows).toBe(school.students.length + school.classes.length + weeks.size);
  });

  it.runIf(haveOpenpyxl())('opens both workbooks with openpyxl, charts included', () => {
    const script = `import json, sys, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    out[path] = {ws.title: [ws.max_row, len(ws._charts), len(ws.tables), [[i.anchor._from.row, i.anchor.pic.nvPicPr.cNvPr.descr] for i in ws._images]] for ws in wb.worksheets}
print(json.dumps(out))`;
    const paths = [file('class_analytics_20241125_103000.xlsx').path, file('comprehensive').path];
    const sheets = JSON.parse(execFileSync(PYTHON, ['-c', script, ...paths], { encoding: 'utf8' })) as Record<string, Record<string, unknown[]>>;
    expect(sheets[paths[0] as string]).toEqual({ 'Class Summary': [school.classes.length + 1, 1, 0, []] }); // its column chart of average scores
    const weeks = new Set(school.metrics.map((m) => m.week_start)).size;
    const logo = [[0, 'rowport demo school']]; // the logo, in the title block's first row
    expect(sheets[paths[1] as string]).toEqual({
      'Student Analytics': [4 + school.students.length + 1, 0, 1, logo], // under a title block, as a table
      'Class Summary': [4 + school.classes.length + 2, 1, 1, logo], // with its totals row
      Performance: [4 + weeks + 1, 2, 1, logo],
    });
  });

  it.runIf(havePython())("reads back identically with python's csv module", async () => {
    for (const prefix of ['student_analytics', 'class_analytics']) {
      const f = file(prefix);
      const delimiter = prefix === 'class_analytics' ? ';' : ',';
      expect(pythonCsv(f.path, { delimiter })).toEqual(parse(await readFile(f.path, 'utf8'), { bom: true, delimiter }));
    }
    const cp = file('students_cp1251');
    expect(pythonCsv(cp.path, { encoding: 'cp1251', delimiter: ';' })).toEqual(
      parse(iconv.decode(await readFile(cp.path), 'windows-1251'), { delimiter: ';' }),
    );
  });

  it('is deterministic: the same seed and clock give byte-identical files', async () => {
    const again = await tempDir();
    try {
      const second = await runDemo({ outDir: again.dir, scale: SCALE, log: null, now: FIXED_NOW });
      for (const [i, f] of second.entries()) {
        // Same rows, same options, same bytes: XLSX too (fixed zip timestamps unless createdAt is given).
        const name = f.fileName.endsWith('.gz') ? undefined : f.fileName;
        if (name) expect((await readFile(join(again.dir, name))).equals(await readFile((files[i] as DemoFile).path))).toBe(true);
        else expect(gunzipSync(await readFile(f.path)).equals(gunzipSync(await readFile((files[i] as DemoFile).path)))).toBe(true);
      }
    } finally {
      await again.remove();
    }
  });
});
