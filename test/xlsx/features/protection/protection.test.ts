import { afterEach, describe, expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../../../src/index.js';
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from '../../../../src/xlsx/features/protection/passwordHash.js';
import { sha512, spinSha512 } from '../../../../src/xlsx/features/protection/sha512.js';
import { sheetProtectionXml } from '../../../../src/xlsx/features/protection/protectionFeature.js';
import { readAll } from '../../../helpers/streams.js';
import { parts } from '../../../helpers/unzip.js';
import { convertWithLibreOffice, removeTempDirs, saveTo, tempDir } from '../../../helpers/xlsx.js';
import { haveTool, python } from '../../../helpers/tools.js';

afterEach(removeTempDirs);

// Excel's algorithm written again in python from MS-OFFCRYPTO 2.3.7.1, to check ours against.
const PY_PROTECTION = `
import json, sys, base64, hashlib, openpyxl
def excel_hash(password, salt_b64, spin):
    h = hashlib.sha512(base64.b64decode(salt_b64) + password.encode('utf-16-le')).digest()
    for i in range(spin):
        h = hashlib.sha512(h + i.to_bytes(4, 'little')).digest()
    return base64.b64encode(h).decode()
args = json.load(sys.stdin)
out = {}
for path in args['paths']:
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        p = ws.protection
        attrs = {k: getattr(p, k) for k in ['sheet', 'objects', 'scenarios', 'formatCells', 'formatColumns', 'formatRows', 'insertColumns',
            'insertRows', 'insertHyperlinks', 'deleteColumns', 'deleteRows', 'sort', 'autoFilter', 'pivotTables', 'selectLockedCells', 'selectUnlockedCells',
            'algorithmName', 'hashValue', 'saltValue', 'spinCount', 'password']}
        ok = None
        if p.hashValue:
            ok = excel_hash(args['password'], p.saltValue, int(p.spinCount)) == p.hashValue
        locked = {c.coordinate: c.protection.locked for row in ws.iter_rows() for c in row}
        cols = {k: d.protection.locked for k, d in ws.column_dimensions.items()}
        sheets[ws.title] = {'attrs': attrs, 'passwordMatches': ok, 'locked': locked, 'cols': cols}
    out[path] = sheets
print(json.dumps(out))
`;

interface PySheet {
  attrs: Record<string, unknown>;
  passwordMatches: boolean | null;
  locked: Record<string, boolean>;
  cols: Record<string, boolean>;
}

const rows = [
  { name: 'Ada', grade: 12, comment: 'ok' },
  { name: 'Alan', grade: null, comment: '' },
];

describe('protection through toXlsx / toWorkbook, read back by openpyxl', () => {
  it.runIf(haveTool('openpyxl'))('protects sheets, stores the password as Excel does, leaves locked: false columns editable', async () => {
    const dir = tempDir();
    const path = await saveTo(
      dir,
      'p.xlsx',
      toWorkbook([
        {
          name: 'Grades',
          rows,
          protect: { password: 'grädes 2026', allow: ['selectUnlockedCells', 'sort', 'autoFilter', 'formatColumns'] },
          columns: ['name', { key: 'grade', type: 'decimal', locked: false }, { key: 'comment', locked: false, style: { bold: true } }],
        },
        { name: 'Plain', rows, protect: true },
      ]),
    );
    const book = python<Record<string, Record<string, PySheet>>>(PY_PROTECTION, { paths: [path], password: 'grädes 2026' })[path] as Record<string, PySheet>;
    const grades = book.Grades as PySheet;
    expect(grades.attrs).toMatchObject({
      sheet: true,
      objects: true,
      scenarios: true,
      formatCells: true,
      formatColumns: false,
      sort: false,
      autoFilter: false,
      deleteRows: true,
      selectLockedCells: true,
      selectUnlockedCells: false,
      algorithmName: 'SHA-512',
      spinCount: 100000,
      password: null, // no legacy 16-bit hash, no text
    });
    expect(grades.passwordMatches).toBe(true);
    expect(grades.locked).toMatchObject({ A1: true, B1: true, C1: true, A2: true, B2: false, C2: false, A3: true });
    expect(grades.cols).toMatchObject({ B: false, C: false });
    expect(book.Plain?.attrs).toMatchObject({
      sheet: true,
      objects: true,
      scenarios: true,
      selectLockedCells: false,
      selectUnlockedCells: false,
      hashValue: null,
    });
    expect(book.Plain?.locked.A2).toBe(true);
  });

  it('never writes the password, and salts each hash', async () => {
    const make = () => toXlsx(rows, { protect: { password: 'secret-pw' } });
    const [a, b] = [parts(await readAll(make()))['xl/worksheets/sheet1.xml'] as string, parts(await readAll(make()))['xl/worksheets/sheet1.xml'] as string];
    expect(a).not.toContain('secret-pw');
    const salt = (xml: string) => /saltValue="([^"]+)"/.exec(xml)?.[1];
    expect(salt(a)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(salt(a)).not.toBe(salt(b));
    // In schema order: right after sheetData, before the autofilter.
    expect(a).toMatch(
      /<\/sheetData><sheetProtection algorithmName="SHA-512" hashValue="[^"]+" saltValue="[^"]+" spinCount="100000" sheet="1" objects="1" scenarios="1"\/><autoFilter/,
    );
  });

  it('matches a known vector (salt of 16 zero bytes)', () => {
    // Computed with python hashlib from MS-OFFCRYPTO 2.3.7.1 (see PY_PROTECTION).
    expect(hashPassword('password', new Uint8Array(16), 100_000).hashValue).toBe(KNOWN_VECTOR);
  });

  it('hashes as node:crypto does, for every length around the block sizes', () => {
    for (let n = 0; n < 300; n++) {
      const data = randomBytes(n);
      expect(Buffer.from(sha512(data)).toString('hex')).toBe(createHash('sha512').update(data).digest('hex'));
    }
    let h: Uint8Array = createHash('sha512').update('start').digest();
    const expected = Buffer.from(h);
    let ours = expected;
    for (let i = 0; i < 3; i++)
      ours = createHash('sha512')
        .update(ours)
        .update(Buffer.from([i, 0, 0, 0]))
        .digest();
    h = spinSha512(h, 3);
    expect(Buffer.from(h).toString('hex')).toBe(ours.toString('hex'));
  });

  it('writes only what differs from the defaults', () => {
    expect(sheetProtectionXml(new Set(['selectLockedCells', 'selectUnlockedCells', 'sort']), undefined)).toBe(
      '<sheetProtection sheet="1" objects="1" scenarios="1" sort="0"/>',
    );
    expect(sheetProtectionXml(new Set(['objects', 'scenarios']), undefined)).toBe('<sheetProtection sheet="1" selectLockedCells="1" selectUnlockedCells="1"/>');
  });

  it('unlocks a column without protect, interning one format per look', async () => {
    const p = parts(
      await readAll(
        toXlsx(
          [
            { a: 1, b: 2 },
            { a: 3, b: 4 },
          ],
          { columns: ['a', { key: 'b', locked: false }] },
        ),
      ),
    );
    const sheet = p['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).not.toContain('sheetProtection');
    const col = /<col min="2" max="2"[^>]* style="(\d+)"\/>/.exec(sheet)?.[1];
    expect(sheet).toContain(`<c r="B2" s="${col}"><v>2</v></c><`);
    expect(sheet).toContain(`<c r="B3" s="${col}"><v>4</v></c><`);
    expect(p['xl/styles.xml']).toContain('applyProtection="1"><protection locked="0"/></xf>');
  });

  it.runIf(haveTool('soffice'))('opens in LibreOffice', async () => {
    const dir = tempDir();
    const path = await saveTo(dir, 'lo-protect.xlsx', toXlsx(rows, { protect: { password: 'x' }, columns: ['name', { key: 'grade', locked: false }] }));
    expect(convertWithLibreOffice([path])[path]?.Sheet1?.split('\n').slice(0, 3)).toEqual(['name,grade', 'Ada,12', 'Alan,']);
  });
});

describe('protection options, checked before the first byte', () => {
  const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });
  it.each([
    [{ protect: 'yes' }, 'sheets[0].protect'],
    [{ protect: { password: '' } }, 'sheets[0].protect.password'],
    [{ protect: { password: 'x'.repeat(256) } }, 'sheets[0].protect.password'],
    [{ protect: { allow: 'sort' } }, 'sheets[0].protect.allow'],
    [{ protect: { allow: ['sort', 'filter'] } }, 'sheets[0].protect.allow[1]'],
    [{ protect: { pasword: 'x' } }, 'sheets[0].protect.pasword'],
    [{ columns: [{ key: 'a', locked: 'no' }] }, 'sheets[0].columns[0].locked'],
  ])('%j', (options, option) => {
    expect(() => toWorkbook([{ name: 'A', rows: [], ...(options as object) }])).toThrow(invalid(option));
  });
  it('does not show a bad password in the message', () => {
    expect(() => toXlsx([], { protect: { password: 'x'.repeat(300) } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('xxxx') }));
  });
});

const KNOWN_VECTOR = 'qd8sMcwp/cRqmrVv2Az3F/5D2ZnRl6tGb3f/80S1TxiEVka5FGqNpUoZD6F0SrQUEzFvXJBzuEAQEFaPzvU4mg==';
