// The CLI kept JSON numbers a double cannot hold (1.5e400, 12345678901234567.89) as their text, but in
// XLSX without the ROWPORT_NUMBER_AS_TEXT warning README promises unless the column was typed (#18).
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const cli = (args: string[], input: string) => runInProcess(args, { input });

const ROWS = '[{"id":1,"huge":1.5e400,"amount":12345678901234567.89,"big":12345678901234567891,"text":"1.5e400"},\n{"id":2,"huge":2}]';
const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.includes('ROWPORT_NUMBER_AS_TEXT'));

describe('rowport: JSON numbers kept as text', () => {
  it.each(['json', 'ndjson'])('warns once per value in XLSX (%s), naming row and column', async (from) => {
    const input = from === 'json' ? ROWS : ROWS.slice(1, -1).replace('},\n{', '}\n{');
    const { code, stderr } = await cli(['--from', from, '--to', 'xlsx'], input);
    expect(code).toBe(0);
    const lines = warnings(stderr);
    expect(lines).toHaveLength(3); // huge, amount, big; never the string "1.5e400"
    expect(lines.some((l) => l.includes('row 0, column "huge"'))).toBe(true);
    expect(lines.some((l) => l.includes('row 0, column "amount"'))).toBe(true);
    expect(lines.some((l) => l.includes('row 0, column "big"'))).toBe(true);
  });

  it('warns once, not twice, for a numeric-typed column (the writer warns)', async () => {
    const { stderr } = await cli(['--from', 'json', '--to', 'xlsx', '--types', 'huge:decimal,amount:decimal'], ROWS);
    expect(warnings(stderr)).toHaveLength(3);
  });

  it('says nothing for a column --columns leaves out, nor in CSV, where the text is the number', async () => {
    expect(warnings((await cli(['--from', 'json', '--to', 'xlsx', '--columns', 'id,text'], ROWS)).stderr)).toHaveLength(0);
    expect(warnings((await cli(['--from', 'json', '--to', 'csv'], ROWS)).stderr)).toHaveLength(0);
  });

  it('names the position in array rows, and skips nested values', async () => {
    const lines = warnings((await cli(['--from', 'json', '--to', 'xlsx'], '[[1, 1.5e400, {"x": 2.5e400}], [3, 4, 5]]')).stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('row 0, column "1"');
  });
});
