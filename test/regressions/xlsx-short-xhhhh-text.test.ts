// Text holding `_x` with one to three hex digits and `_` (`_x1_`, `_x00a_`, `_xD_`) was written as it
// is: Excel decodes only `_xHHHH_`, but LibreOffice also decodes the short forms of a control character,
// so `a_x00a_b` opened there as `a` LF `b` and `_x00_x000D_` as NUL, `x005F` and CR. The `_` is now
// escaped (`_x005F_x00a_`), in cells and notes, which every reader shows as the text written; in a formula (an inline
// dropdown list) it stays as it is, since LibreOffice decodes nothing there, not even `_x005F_`.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { convertWithLibreOffice, readWithOpenpyxl, removeTempDirs, saveTo, tempDir, values } from '../helpers/xlsx.js';

const texts = ['a_x00a_b', 'a_xA_b', 'a_x1_', 'a_x00_x000D_b', 'a_x1F_', 'a_x41_b', 'a_x0041_b', 'a_x00041_b', 'a_x_b', '_xD\u0001'];

describe('XLSX text with a short `_xHH_`', () => {
  afterEach(removeTempDirs);

  for (const sharedStrings of [true, false]) {
    it.runIf(haveTool('soffice') && haveTool('openpyxl'))(`reads back as written in LibreOffice and openpyxl (sharedStrings: ${sharedStrings})`, async () => {
      const path = await saveTo(
        tempDir(),
        `short-${sharedStrings}.xlsx`,
        toXlsx(
          texts.map((t) => ({ t })),
          { header: false, sharedStrings },
        ),
      );
      const csv = convertWithLibreOffice([path])[path]?.Sheet1 ?? '';
      const lo = python<string[]>('import csv,io,json,sys; print(json.dumps([r[0] for r in csv.reader(io.StringIO(json.load(sys.stdin), newline=""))]))', csv);
      expect(lo).toEqual(texts);
      const sheet = readWithOpenpyxl([path])[path]?.sheets[0];
      const openpyxl = sheet === undefined ? [] : values(sheet).map((row) => row[0]);
      expect(openpyxl).toEqual(texts);
    });
  }

  it.runIf(haveTool('soffice'))('stays as it is in an inline dropdown list, which LibreOffice reads as written', async () => {
    const dir = tempDir();
    const path = await saveTo(dir, 'short-list.xlsx', toXlsx([{ t: 'x' }], { columns: [{ key: 't', validation: { list: ['i_x1_i', 'ok'] } }] }));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'fods', '--outdir', dir, path], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const fods = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.fods')) as string), 'utf8');
    expect(fods).toContain('cell-content-is-in-list(&quot;i_x1_i&quot;;&quot;ok&quot;)');
  });

  it.runIf(haveTool('soffice'))('reads back as written in a note in LibreOffice', async () => {
    const dir = tempDir();
    const path = await saveTo(dir, 'short-note.xlsx', toXlsx([{ t: 'x' }], { columns: [{ key: 't', note: 'n_x1_n m_x0041_m' }] }));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'fods', '--outdir', dir, path], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const fods = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.fods')) as string), 'utf8');
    expect(fods).toContain('>n_x1_n m_x0041_m</text:p>');
  });
});
