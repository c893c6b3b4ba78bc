// A browser download button: the workbook is built in the page, as a Blob, and saved.
import { toXlsx } from 'rowport/web';
import { type Score, scores } from './rows.js';

/** What the page needs of `document` (the DOM's own types have it all). */
interface Page {
  createElement(tag: 'a'): { href: string; download: string; click(): void };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function downloadScores(document: Page, rows: Iterable<Score> = scores()): Promise<void> {
  const blob = await toBlob(toXlsx(rows, { sheetName: 'Scores' }), XLSX_TYPE);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'scores.xlsx';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * The stream's bytes as a Blob. Read chunk by chunk, a failed export rejects with its own
 * RowportError (code, row, column); `new Response(stream).blob()` would reject with Chromium's
 * `TypeError: Failed to fetch` instead.
 */
async function toBlob(stream: ReadableStream<Uint8Array>, type: string): Promise<Blob> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return new Blob(parts, { type });
    parts.push(value);
  }
}
