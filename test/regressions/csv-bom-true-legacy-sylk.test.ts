// `bom: true` with windows-1251 wrote no BOM (the encoding has none) but still turned off the
// guard that quotes a first `ID` field, so Excel took the file for SYLK (#10).
import { expect, it } from 'vitest';
import { toCsv } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';

it('keeps the SYLK guard for an encoding without a BOM, whatever `bom` says', async () => {
  for (const bom of [true, false, undefined]) {
    const bytes = await readAll(toCsv([{ ID: 1 }], { encoding: 'windows-1251', bom }));
    expect(bytes.toString('latin1')).toBe('"ID"\r\n1\r\n');
  }
});
