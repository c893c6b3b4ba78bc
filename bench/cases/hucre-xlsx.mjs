// hucre 1.0 writeXlsxStream (a zero-dependency TypeScript peer): its constant-memory XLSX stream,
// with the header from `columns`, the same widths and number formats, and a frozen header row.
// Its stream writer has no header style or autofilter option.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeXlsxStream } from 'hucre/xlsx';
import { runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const NUM_FMT = { integer: '0', decimal: '0.00', percent: '0.00%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

await runCase('hucre', 'xlsx', async ({ rows, path }) => {
  const columns = COLUMNS.map(({ key, header, type, width }) => ({ key, header, width, ...(NUM_FMT[type] ? { numFmt: NUM_FMT[type] } : {}) }));
  const stream = writeXlsxStream(analyticsRows(rows), { name: 'Sheet1', columns, freezePane: { rows: 1 } });
  await pipeline(Readable.fromWeb(stream), createWriteStream(path));
});
