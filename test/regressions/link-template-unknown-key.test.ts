// A link template whose `{key}` is neither a column key nor a key of the rows (`{idd}`) filled it
// with nothing, so every cell linked to the bare URL. It is now ROWPORT_INVALID_OPTION, naming the
// option and the key, before any row is written (#22).
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { toWorkbook, toXlsx } from '../../src/index.js';

const rows = [
  { id: 7, name: 'Ada', school: { code: 'S1' } },
  { id: 8, name: 'Bob', school: { code: 'S2' } },
];

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

it('a {key} on neither the columns nor the rows is refused', async () => {
  const stream = toXlsx(rows, { columns: ['id', { key: 'name', link: 'https://school.example/students/{idd}' }] });
  await expect(drain(stream)).rejects.toMatchObject({
    code: 'ROWPORT_INVALID_OPTION',
    message: expect.stringMatching(/`columns\[1\]\.link`.*\{idd\}.*did you mean \{id\}\?/i),
  });
});

it('in a workbook, the option names the sheet', async () => {
  const stream = toWorkbook([{ name: 'S', rows, columns: [{ key: 'name', link: 'mailto:{mail}' }] }]);
  await expect(drain(stream)).rejects.toMatchObject({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining('`sheets[0].columns[0].link`') });
});

it('a column key, a row key not among the columns, and a dot path are taken', async () => {
  const stream = toXlsx(rows, { columns: [{ key: 'name', link: 'https://x.example/{id}/{school.code}/{name}' }] });
  expect(await drain(stream)).toBeGreaterThan(0);
  expect(await drain(toXlsx([], { columns: [{ key: 'name', link: 'https://x.example/{nothing}' }] }))).toBeGreaterThan(0); // no row to check against
});
