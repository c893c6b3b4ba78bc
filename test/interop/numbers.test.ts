import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type RowportWarning, toCsv, toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { haveTool, python } from '../helpers/tools.js';
import { tempDir } from '../helpers/xlsx.js';

/**
 * Python reads the CSV (csv module) and the XLSX (openpyxl), and judges with its own `decimal`
 * module, independent of ours, whether a double holds each input's digits: when the shortest
 * repr of the nearest double is the same decimal number as the input.
 */
const PY_READ = `
import csv, json, sys, openpyxl
from decimal import Decimal
spec = json.load(sys.stdin)
with open(spec['csv'], newline='', encoding='utf-8-sig') as f:
    texts = [row[0] for row in csv.reader(f)][1:]
ws = openpyxl.load_workbook(spec['xlsx']).active
out = []
for i, (text, given) in enumerate(zip(texts, spec['inputs'])):
    cell = ws.cell(row=i + 2, column=1)
    v = cell.value
    shown = repr(v) if isinstance(v, float) else str(v)
    holds = None
    same = None
    if given is not None:
        d = Decimal(given)
        holds = Decimal(repr(float(d))) == d if d.is_finite() and abs(float(d)) != float('inf') else False
        same = cell.data_type == 'n' and Decimal(shown) == d
    out.append([text, cell.data_type, shown, holds, same])
json.dump(out, sys.stdout)
`;

type Value = number | bigint | string;

const digits = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
/** Decimal literals of every shape: signs, leading and trailing zeros, exponents past the double range. */
const literal = fc
  .tuple(fc.constantFrom('', '-', '+'), digits(1, 24), fc.option(digits(0, 14)), fc.option(fc.integer({ min: -400, max: 400 })))
  .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`);
const double = fc.double({ noNaN: true, noDefaultInfinity: true });
const big = fc.oneof(
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
  fc.bigInt({ min: 1n, max: 999n }).chain((m) => fc.nat(40).map((k) => m * 10n ** BigInt(k))),
);
const value: fc.Arbitrary<Value> = fc.oneof(double, big, literal, double.map(String), big.map(String));

describe.runIf(haveTool('openpyxl'))('numbers: CSV text, the XLSX cell read by openpyxl and the input agree', () => {
  const dir = tempDir('rowport-numbers-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run = 0;

  it('for JS numbers, bigints and numeric strings of a decimal column', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 150 }), async (values) => {
        const rows = values.map((v) => ({ v }));
        const columns = [{ key: 'v', type: 'decimal' as const }];
        const warnings: RowportWarning[] = [];
        const csvPath = join(dir, `n${run}.csv`);
        const xlsxPath = join(dir, `n${run++}.xlsx`);
        writeFileSync(csvPath, await readAll(toCsv(rows, { columns })));
        writeFileSync(xlsxPath, await readAll(toXlsx(rows, { columns, onWarning: (w) => warnings.push(w) })));
        const inputs = values.map((v) => (typeof v === 'number' ? null : String(v)));
        const read = python<[string, string, string, boolean | null, boolean | null][]>(PY_READ, { csv: csvPath, xlsx: xlsxPath, inputs });
        const asText: number[] = [];
        values.forEach((v, i) => {
          const [text, type, shown, holds, same] = read[i] as (typeof read)[number];
          if (typeof v === 'number') {
            expect(Number(text)).toBe(v === 0 ? 0 : v); // the shortest round-trip digits: the same double
            expect([type, Number(shown)]).toEqual(['n', v === 0 ? 0 : v]);
            return;
          }
          expect(text).toBe(String(v)); // CSV: every digit as given
          if (holds) {
            expect([type, same]).toEqual(['n', true]);
          } else {
            expect([type, shown]).toEqual(['s', String(v)]);
            asText.push(i);
          }
        });
        expect(warnings.map((w) => [w.code, w.row])).toEqual(asText.map((i) => ['ROWPORT_NUMBER_AS_TEXT', i]));
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});

describe.runIf(haveTool('soffice') && haveTool('openpyxl'))('numbers read by LibreOffice', () => {
  it('takes every <v> form we write (E exponents, subnormals, the largest double) as a number', async () => {
    const dir = tempDir('rowport-numbers-lo-');
    try {
      const values = [6.022e23, 1e-7, 5e-324, -0, Number.MAX_VALUE, -1.5e-323, 0.1, 2 ** 60, 1e21, 10n ** 21n, -123.456];
      const path = join(dir, 'numbers.xlsx');
      writeFileSync(path, await readAll(toXlsx(values.map((v) => ({ v })))));
      const out = join(dir, 'saved');
      mkdirSync(out);
      // LibreOffice opens the file and saves it again: what it read is what it writes.
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', out, path], {
        stdio: 'pipe',
        timeout: 300_000,
      });
      const read = python<[string, string][]>(
        `import json, sys, openpyxl
ws = openpyxl.load_workbook(json.load(sys.stdin)).active
print(json.dumps([[c.data_type, repr(c.value)] for (c,) in ws.iter_rows(min_row=2)]))`,
        join(out, 'numbers.xlsx'),
      );
      expect(read.map(([type]) => type)).toEqual(values.map(() => 'n'));
      // LibreOffice saves 15 significant digits: compare at that precision.
      read.forEach(([, shown], i) => {
        const v = Number(values[i]);
        expect(Math.abs(Number(shown) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-14);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
