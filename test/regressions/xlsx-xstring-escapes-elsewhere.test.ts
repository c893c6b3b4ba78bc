// A literal `_xHHHH_` changed in four places where issue 12's fix for cells did not reach:
// validation prompts and error messages (escaped as plain attributes, so Excel and LibreOffice
// decoded `_x0041_` to `A`), an inline validation list item (`_x005F_x0041_` in a formula, which
// LibreOffice keeps as it is), a `text` conditional format's SEARCH literal (the same), and the
// creator in docProps/core.xml (plain Dublin Core XML, which no reader decodes: openpyxl read
// `_x005F_x0041_`).
import { expect, it } from 'vitest';
import { toXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { parts } from '../helpers/unzip.js';

const sheetOf = async (stream: ReturnType<typeof toXlsx>) => parts(await readAll(stream));

it('validation prompts and errors keep a literal _xHHHH_', async () => {
  const validation = { list: ['a', 'b'], prompt: { title: 'Code_x0041_', message: 'Type _x0031_' }, error: { title: 'Bad_x0021_', message: 'Not _x0033_' } };
  const sheet = (await sheetOf(toXlsx([{ c: 'a' }], { columns: [{ key: 'c', validation }] })))['xl/worksheets/sheet1.xml'] ?? '';
  for (const [attr, text] of [
    ['promptTitle', 'Code_x005F_x0041_'],
    ['prompt', 'Type _x005F_x0031_'],
    ['errorTitle', 'Bad_x005F_x0021_'],
    ['error', 'Not _x005F_x0033_'],
  ])
    expect(sheet).toContain(` ${attr}="${text}"`);
});

it('a list item with a literal _xHHHH_ or an outer space goes to the hidden list sheet', async () => {
  for (const list of [
    ['_x0041_', 'plain'],
    [' padded', 'x'],
  ]) {
    const p = await sheetOf(toXlsx([{ c: 'plain' }], { columns: [{ key: 'c', validation: { list } }] }));
    expect(p['xl/worksheets/sheet1.xml']).toContain('<formula1>RowportList1</formula1>');
    expect(p['xl/worksheets/sheet2.xml']).toBeDefined();
  }
  const p = await sheetOf(toXlsx([{ c: 'a' }], { columns: [{ key: 'c', validation: { list: ['a', 'b c'] } }] }));
  expect(p['xl/worksheets/sheet1.xml']).toContain('<formula1>"a,b c"</formula1>');
});

it('a text rule searches for a literal _xHHHH_ as an expression', async () => {
  const sheet = (
    await sheetOf(toXlsx([{ c: 'q_x0041_z' }], { conditionalFormats: [{ type: 'text', column: 'c', contains: 'q_x0041_z', style: { bold: true } }] }))
  )['xl/worksheets/sheet1.xml'];
  expect(sheet).toContain('<formula>NOT(ISERROR(SEARCH("q_"&amp;"x0041_z",A2)))</formula>');
});

it('the creator is plain XML text', async () => {
  const core = (await sheetOf(toXlsx([{ a: 1 }], { creator: 'Team_x0041_ & <Ops>' })))['docProps/core.xml'];
  expect(core).toContain('<dc:creator>Team_x0041_ &amp; &lt;Ops&gt;</dc:creator>');
});
