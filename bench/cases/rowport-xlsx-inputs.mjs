// rowport toXlsx as rowport-xlsx.mjs, plus the input features of issue 20: a dropdown on the class
// column, a range rule on the score, a note on two header cells, a protected sheet with the notes
// column left editable (`locked: false`), and a password (hashed once at the sheet's start).
// Run alone: node bench/cases/rowport-xlsx-inputs.mjs --rows 1000000 (after npx tsup).
import { loadRowport, notAvailable, runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const rowport = await loadRowport();

if (typeof rowport.toXlsx !== 'function') {
  notAvailable('rowport-inputs', 'toXlsx is not in dist/index.js yet');
} else {
  const columns = COLUMNS.map(({ key, header, type }) => {
    if (key === 'class') return { key, header, type, validation: { list: ['A', 'B', 'C', 'D'], prompt: { message: 'Pick a class' } }, note: 'The class group' };
    if (key === 'score') return { key, header, type, validation: { type: 'decimal', min: 0, max: 100 }, note: 'Out of 100' };
    if (key === 'notes') return { key, header, type, locked: false };
    return { key, header, type };
  });
  const options = { columns, protect: { password: 'bench', allow: ['selectLockedCells', 'selectUnlockedCells', 'sort', 'autoFilter'] } };
  await runCase('rowport-inputs', 'xlsx', async ({ rows, toFile }) => {
    await toFile(rowport.toXlsx(analyticsRows(rows), options));
  });
}
