// The demo's workbooks printed through LibreOffice read like a report (#22): every column on one page's
// width (the student sheet was split into four column bands: pages of numbers without the names), each
// chart whole on one page, counts with thousands separators. `npm run look -- --demo` shows the pages.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFile, runDemo } from '../../examples/demo.js';
import { haveTool } from '../helpers/tools.js';
import { FIXED_NOW, requireTool, tempDir } from './support.js';

const enabled = haveTool('soffice') && requireTool('pdftotext (poppler-utils)', () => execFileSync('sh', ['-c', 'command -v pdftotext || true']).length > 0);
let out: Awaited<ReturnType<typeof tempDir>>;
let pages: Record<'comprehensive' | 'class', string[]>;

/** Prints an XLSX to PDF with LibreOffice and returns each page's text. */
function printed(files: readonly DemoFile[], dir: string): Record<'comprehensive' | 'class', string[]> {
  const copy = (prefix: string, name: string) => {
    const file = files.find((f) => f.fileName.startsWith(prefix) && f.fileName.endsWith('.xlsx'));
    if (!file) throw new Error(`no ${prefix} workbook`);
    copyFileSync(file.path, join(dir, name));
    return join(dir, name);
  };
  const inputs = [copy('comprehensive', 'comprehensive.xlsx'), copy('class_analytics', 'class.xlsx')];
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, ...inputs], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const text = (name: string) =>
    execFileSync('pdftotext', ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1);
  return { comprehensive: text('comprehensive'), class: text('class') };
}

beforeAll(async () => {
  if (!enabled) return;
  out = await tempDir('rowport-demo-print-');
  const files = await runDemo({ outDir: out.dir, log: null, now: FIXED_NOW }); // the demo's own scale: what a user prints
  pages = printed(files, out.dir);
}, 300_000);
afterAll(() => out?.remove());

describe.runIf(enabled)('the demo printed through LibreOffice', () => {
  it('prints the three-sheet workbook in 15 pages, every student page with the names and the last column', () => {
    const students = pages.comprehensive.filter((page) => page.includes('Student ID'));
    expect(pages.comprehensive.length).toBeLessThanOrEqual(16); // 46 before: four column bands
    expect(students.length).toBeGreaterThan(1);
    for (const page of students) {
      expect(page).toMatch(/Student ID\s+Student\s+Locale/); // the header repeats on every page
      expect(page).toContain('Last activity'); // and the last column is on the same page
    }
  });

  it('keeps each chart whole on one page, beside its data', () => {
    for (const title of ['Average score by class', 'Average score by week', 'Attendance by week']) {
      const on = pages.comprehensive.filter((page) => page.includes(title));
      expect(on, title).toHaveLength(1);
    }
    expect(pages.class).toHaveLength(1); // the one-sheet class export and its chart: one page (was two)
  });

  it('writes counts with thousands separators', () => {
    const performance = pages.comprehensive.find((page) => page.includes('Weekly performance')) ?? '';
    expect(performance).toMatch(/\b\d{3},\d{3}\b/); // minutes: 168,832, not 168832
    expect(performance).toMatch(/\b3,600\b/);
  });
});
