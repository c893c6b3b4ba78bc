// toCsv doubled the quotes of a field with a global `replace`, which V8 runs by keeping every match
// until the end: one 24 MiB text a third of it quotes (a JSON document held as a string) needed
// more than 768 MB of heap and seconds, and a few such cells ran a service out of memory. A long
// text now doubles its quotes with `split` + `join`. Checked in a child process with a 512 MB heap,
// which the old code overflows, with the field read back by Python's csv module.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { PYTHON } from '../helpers/tools.js';

const script = `
import { toCsv } from './src/index.ts';
const value = '{"a":"'.repeat(4 * 1024 * 1024); // 24 MiB, a third of it quotes
for await (const chunk of toCsv([{ id: 1, text: value }], { bom: false })) process.stdout.write(chunk);
`;

const check = `
import csv, sys
csv.field_size_limit(1 << 30)
rows = list(csv.reader(sys.stdin, strict=True))
ok = rows[0] == ['id', 'text'] and rows[1] == ['1', '{"a":"' * (4 * 1024 * 1024)] and len(rows) == 2
print('ok' if ok else 'mismatch')
`;

it('writes a 24 MiB field of quotes within a 512 MB heap, read back exactly', () => {
  const csv = execFileSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', '--input-type=module', '-e', script], {
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  expect(csv.length).toBe(9 + 2 + 2 + 36 * 1024 * 1024 + 2); // the 12 Mi quotes doubled
  const out = execFileSync(PYTHON, ['-c', check], { input: csv, encoding: 'utf8', maxBuffer: 1024 * 1024 });
  expect(out.trim()).toBe('ok');
}, 60_000);
