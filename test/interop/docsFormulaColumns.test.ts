// The formula-columns example of the docs wrote circular, wrong-column formulas: `ratio: 'B{r}/C{r}'`
// sat in column C (=B2/C2 in C2) and `passed` tested the wrong column; the cached values hid it, since
// a reader that does not calculate shows them (#22). Here the example, as docs/workbook-features.md
// prints it, is run and its file recalculated by LibreOffice (forced to recalculate on load), so each
// formula's own result is compared with what the example says.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportToFile, toXlsx } from '../../src/index.js';
import { snippets } from '../docs/snippets.js';
import { haveTool } from '../helpers/tools.js';
import { tempDir } from '../helpers/xlsx.js';

const ROOT = resolve('.');
const PAGE = join(ROOT, 'docs', 'workbook-features.md');

/** The first ts block under the "Formula columns" heading. */
function formulaExample(): string {
  const text = readFileSync(PAGE, 'utf8');
  const headingLine = text.slice(0, text.indexOf('\n## Formula columns')).split('\n').length + 1;
  const block = snippets(ROOT, PAGE).find((s) => s.lang === 'ts' && s.line > headingLine);
  if (!block) throw new Error('no ts block under "## Formula columns" in docs/workbook-features.md');
  return block.code;
}

/** LibreOffice's values of each sheet as CSV, every formula recalculated on load (not its cached value). */
function recalculated(dir: string, path: string): string[][] {
  const profile = join(dir, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(
    join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  const out = join(dir, `csv-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      out,
      path,
    ],
    {
      stdio: 'pipe',
      timeout: 300_000,
    },
  );
  const [csv] = readdirSync(out);
  return readFileSync(join(out, csv as string), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1')));
}

describe.runIf(haveTool('soffice'))('the formula-columns example of docs/workbook-features.md', () => {
  const dir = tempDir('rowport-docs-formulas-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is recalculated by LibreOffice here (a wrong cached value is replaced by the formula result)', async () => {
    const path = join(dir, 'control.xlsx');
    await exportToFile(toXlsx([{ a: 3, b: 4 }], { columns: ['a', 'b', { key: 'sum', formula: 'A{r}+B{r}', value: () => 999 }] }), path);
    expect(recalculated(dir, path)).toEqual([
      ['a', 'b', 'sum'],
      ['3', '4', '7'],
    ]);
  });

  it('writes formulas over the right columns, whose results are what it says', async () => {
    const code = formulaExample();
    expect(code).toContain("'formulas.xlsx'");
    const path = join(dir, 'formulas.xlsx');
    // run as printed, but importing the source and writing into the temp folder
    const module = join(ROOT, '.tmp', `docs-formulas-${process.pid}.ts`);
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    writeFileSync(
      module,
      code.replace("from 'rowport'", `from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))}`).replace("'formulas.xlsx'", JSON.stringify(path)),
    );
    try {
      await import(module);
    } finally {
      rmSync(module, { force: true });
    }
    expect(recalculated(dir, path)).toEqual([
      ['name', 'score', 'max', 'ratio', 'passed'],
      ['Ada', '46', '50', '92%', 'yes'],
      ['Alan', '38', '80', '47.5%', 'no'],
    ]);
  });
});
