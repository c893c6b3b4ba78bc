// Issue 10, "Keys that are Object.prototype members": fromCsv dropped a `__proto__` header (the
// assignment set the row's prototype instead). It, `constructor` and `toString` are own keys of each
// row, and they survive the CLI into CSV and XLSX.
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/index.js';
import { readCsv, readXlsxWithPython, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';
import { haveTool } from '../helpers/tools.js';

const INPUT = '__proto__,constructor,toString,a\r\nx,y,z,1\r\n';

describe('a CSV header named like an Object.prototype member', () => {
  it('is an own, enumerable key of every row', async () => {
    const rows: Record<string, string>[] = [];
    for await (const row of fromCsv(Buffer.from(INPUT))) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual(['__proto__', 'constructor', 'toString', 'a']);
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(JSON.stringify(rows[0])).toBe('{"__proto__":"x","constructor":"y","toString":"z","a":"1"}');
  });

  it('goes through the CLI into CSV', async () => {
    const result = await run(['--from', 'csv'], { input: INPUT });
    expect(result.code).toBe(0);
    expect(readCsv(result.stdout.toString('utf8'))).toEqual([
      ['__proto__', 'constructor', 'toString', 'a'],
      ['x', 'y', 'z', '1'],
    ]);
  });

  it.runIf(haveTool('openpyxl'))('goes through the CLI into XLSX, read back by openpyxl', async () => {
    const tmp = tempDir();
    try {
      const out = tmp.path('proto.xlsx');
      const result = await run(['--from', 'csv', '-o', out], { input: INPUT });
      expect(result.code).toBe(0);
      expect(readXlsxWithPython(out).rows).toEqual([
        ['__proto__', 'constructor', 'toString', 'a'],
        ['x', 'y', 'z', '1'],
      ]);
    } finally {
      tmp.cleanup();
    }
  });
});
