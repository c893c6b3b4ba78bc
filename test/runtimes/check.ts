import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { toXlsx as nodeToXlsx } from '../../src/index.js';
import { readAll } from '../helpers/streams.js';
import { python } from '../helpers/tools.js';
import { tempDir } from '../helpers/xlsx.js';
import type { ScenarioResult } from './scenario.js';
import { REPORT_OPTIONS, scores } from './scenario.js';

/** What python's csv and openpyxl read from a runtime's scenario, and how its zip compares with Node's. */
export interface Readback {
  csvRows: string[][];
  title: string;
  a1: unknown;
  a2: unknown;
  tables: string[];
  charts: number;
  firstRow: unknown[];
  maxRow: number;
  /** Entry names, CRCs and sizes equal to Node's, and every part's text equal. */
  sameParts: boolean;
  /** The compressed bytes of every entry equal to Node's. */
  sameDeflate: boolean;
  size: number;
}

const SCRIPT = `
import csv, io, json, sys, zipfile, openpyxl
csv_path, xlsx_path, node_path = sys.argv[1:4]
with open(csv_path, newline='', encoding='utf-8-sig') as f:
    csv_rows = list(csv.reader(f))
ws = openpyxl.load_workbook(xlsx_path).active
a, b = zipfile.ZipFile(xlsx_path), zipfile.ZipFile(node_path)
info = lambda z: [(i.filename, i.CRC, i.file_size) for i in z.infolist()]
def raw(z, path):
    out = []
    data = open(path, 'rb').read()
    for i in z.infolist():
        start = i.header_offset + 30 + len(i.filename.encode())
        out.append(data[start:start + i.compress_size])
    return out
same_parts = info(a) == info(b) and all(a.read(n) == b.read(n) for n in a.namelist())
first = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == 'Student 1')
print(json.dumps({'csvRows': csv_rows, 'title': ws.title, 'a1': ws['A1'].value, 'a2': ws['A2'].value,
  'tables': list(ws.tables.keys()), 'charts': len(ws._charts), 'firstRow': [str(v) for v in first], 'maxRow': ws.max_row,
  'sameParts': same_parts, 'sameDeflate': same_parts and raw(a, xlsx_path) == raw(b, node_path), 'size': len(open(xlsx_path, 'rb').read())}))
`;

/** The scenario's files as python reads them, the XLSX compared with the Node entry's for the same rows. */
export async function readBack(result: ScenarioResult, runtime: string): Promise<{ readback: Readback; xlsx: Buffer }> {
  const dir = tempDir(`rowport-${runtime}-`);
  const csv = Buffer.from(result.csv, 'base64');
  const xlsx = Buffer.from(result.xlsx, 'base64');
  const paths = [join(dir, 'quick.csv'), join(dir, 'report.xlsx'), join(dir, 'node.xlsx')] as const;
  writeFileSync(paths[0], csv);
  writeFileSync(paths[1], xlsx);
  writeFileSync(paths[2], await readAll(nodeReport()));
  const stored = await readAll(nodeToXlsx(scores(), { ...REPORT_OPTIONS, compressionLevel: 0 }));
  expect(Buffer.from(result.stored, 'base64').equals(stored)).toBe(true);
  expect(csv.toString('utf8')).toBe('\uFEFFid,name,joined\r\n1,Ada,2024-01-15 09:30:00\r\n');
  return { readback: python<Readback>(SCRIPT, null, [...paths]), xlsx };
}

/** The scenario's checks, the same for every runtime. */
export function expectScenario(result: ScenarioResult, readback: Readback): void {
  expect(readback.csvRows).toEqual([
    ['id', 'name', 'joined'],
    ['1', 'Ada', '2024-01-15 09:30:00'],
  ]);
  expect(readback).toMatchObject({ title: 'Scores', a1: 'Class 7B', a2: 'Term 1', charts: 1, sameParts: true });
  expect(readback.tables).toHaveLength(1);
  expect(readback.firstRow).toEqual(['Student 1', '0', 'False', '2024-01-01 00:00:00']);
  expect(result.cancelled).toEqual({ csv: 1, xlsx: 1 });
  expect(result.fileName).toBe('class_scores_20240115_143045.xlsx');
  expect(result.disposition).toBe('attachment; filename="class_scores_20240115_143045.xlsx"');
}

/** The Node entry's report, the same rows and options as the scenario's. */
function nodeReport() {
  return nodeToXlsx(scores(), REPORT_OPTIONS);
}
