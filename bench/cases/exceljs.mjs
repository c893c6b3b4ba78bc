// exceljs streaming WorkbookWriter with styles: the XLSX reference peer. Same look as rowport's
// defaults: bold header on a blue fill, frozen header row, autofilter, number formats, widths.
import ExcelJS from 'exceljs';
import { runCase } from '../harness.mjs';
import { COLUMNS, analyticsRows } from '../rows.mjs';

const NUM_FMT = { integer: '0', decimal: '0.00', percent: '0.00%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

await runCase('exceljs', 'xlsx', async ({ rows, path }) => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(({ key, header, type, width }) => ({
    key,
    header,
    width,
    style: NUM_FMT[type] ? { numFmt: NUM_FMT[type] } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: COLUMNS.length } };
  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4472C4' } };
  });
  header.commit();
  for (const row of analyticsRows(rows)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
});
