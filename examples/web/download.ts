// A browser download button: the workbook is built in the page, as a Blob, and saved.
import { toXlsx } from 'rowport/web';
import { scores } from './rows.js';

/** What the page needs of `document` (the DOM's own types have it all). */
interface Page {
  createElement(tag: 'a'): { href: string; download: string; click(): void };
}

export async function downloadScores(document: Page): Promise<void> {
  const blob = await new Response(toXlsx(scores(), { sheetName: 'Scores' })).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'scores.xlsx';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
