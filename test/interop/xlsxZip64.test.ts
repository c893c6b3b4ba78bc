import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { RowReader } from '../../src/sources/rowReader.js';
import { resolveXlsxOptions } from '../../src/xlsx/resolve/options.js';
import { streamWorkbook } from '../../src/node/streamWorkbook.js';
import { readAll } from '../helpers/streams.js';
import { haveTool } from '../helpers/tools.js';
import { unzip } from '../helpers/unzip.js';
import { readWithOpenpyxl, removeTempDirs, tempDir, values } from '../helpers/xlsx.js';

afterEach(removeTempDirs);

/**
 * A sheet past 4 GiB gets zip64 records; writing one here would take minutes, so the same records
 * are forced on a small workbook, and every reader must still open it.
 */
async function zip64Workbook(): Promise<Buffer> {
  const rows = [
    { id: 1, name: 'Ada' },
    { id: 2, name: 'Grace' },
  ];
  const { names, look, sheet } = resolveXlsxOptions({ sheetName: 'Big' });
  return readAll(
    streamWorkbook({
      sheets: [{ sheet, reader: new RowReader<unknown>(rows) }],
      names,
      look,
      signal: undefined,
      onProgress: undefined,
      progressInterval: 200,
      total: undefined,
      forceZip64: true,
    }),
  );
}

describe('an XLSX with zip64 records', () => {
  it('marks every entry zip64, version needed 4.5', async () => {
    expect(unzip(await zip64Workbook()).every((e) => e.zip64 && e.versionNeeded === 45)).toBe(true);
  });

  it('opens in exceljs', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await zip64Workbook()) as never);
    expect(book.worksheets[0]?.getCell('B3').value).toBe('Grace');
  });

  it.runIf(haveTool('openpyxl'))('opens in openpyxl', async () => {
    const path = join(tempDir(), 'zip64.xlsx');
    writeFileSync(path, await zip64Workbook());
    const book = readWithOpenpyxl([path])[path];
    expect(book?.error).toBeUndefined();
    expect(values(book?.sheets[0] as never)).toEqual([
      ['id', 'name'],
      [1, 'Ada'],
      [2, 'Grace'],
    ]);
  });

  // LibreOffice 7.4 (Debian 12) opens no archive with a zip64 end-of-central-directory record, ours or
  // Python's zipfile's alike, so it cannot open any file past 4 GiB; it is not asked here.
});
