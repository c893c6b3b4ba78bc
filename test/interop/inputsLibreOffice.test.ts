import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { haveTool, python } from '../helpers/tools.js';
import { removeTempDirs, saveTo, tempDir } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

// LibreOffice reads our file and saves it again as XLSX; openpyxl reads what LibreOffice wrote. So
// the dropdown, the range rule, the notes, the protection and the unlocked column are what
// LibreOffice understood, not only what we wrote.
const PY = `
import json, sys, openpyxl
path = json.load(sys.stdin)
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]
print(json.dumps({
  'validations': sorted([[str(d.sqref), d.type, d.formula1] for d in ws.data_validations.dataValidation]),
  'notes': {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment},
  'protected': bool(ws.protection.sheet),
  'hasHash': bool(ws.protection.hashValue or ws.protection.password),
  'locked': {c.coordinate: c.protection.locked for c in ws[2]},
}))
`;

describe.runIf(haveTool('soffice') && haveTool('openpyxl'))('validation, notes and protection survive LibreOffice', () => {
  it('reads them and writes them back', async () => {
    const dir = tempDir();
    const rows = [
      { name: 'Ada', status: 'present', grade: 12 },
      { name: 'Alan', status: 'absent', grade: 9 },
    ];
    const path = await saveTo(
      dir,
      'inputs.xlsx',
      toXlsx(rows, {
        protect: { password: 'pw' },
        columns: [
          { key: 'name', note: 'Full name' },
          { key: 'status', validation: { list: ['present', 'absent'] }, locked: false },
          { key: 'grade', validation: { type: 'whole', min: 0, max: 20 }, locked: false },
        ],
        cellNote: (row) => (row.grade < 10 ? { grade: 'Below 10' } : undefined),
      }),
    );
    const out = join(dir, 'lo');
    const profile = join(tmpdir(), `rowport-lo-profile-${process.pid}`);
    mkdirSync(profile, { recursive: true });
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'xlsx', '--outdir', out, path], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const back = python<{
      validations: [string, string, string][];
      notes: Record<string, string>;
      protected: boolean;
      hasHash: boolean;
      locked: Record<string, boolean>;
    }>(PY, join(out, 'inputs.xlsx'));
    expect(back.validations).toEqual([
      ['B2:B3', 'list', '"present,absent"'],
      ['C2:C3', 'whole', '0'],
    ]);
    expect(back.notes).toEqual({ A1: 'Full name', C3: 'Below 10' });
    expect(back.protected).toBe(true);
    expect(back.hasHash).toBe(true);
    expect(back.locked).toEqual({ A2: true, B2: false, C2: false });
  });
});
