import { invalidOption } from '../errors.js';

/**
 * A `Content-Disposition: attachment` header value (RFC 6266) that every browser reads: an ASCII
 * `filename` fallback plus `filename*=UTF-8''…` (RFC 5987) when the name is not plain ASCII.
 * @param fileName - The name the user should see; path separators and control characters are dropped.
 * @returns The header value.
 * @example
 * contentDisposition('отчёт 2024.csv');
 * //=> `attachment; filename="_____ 2024.csv"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202024.csv`
 */
export function contentDisposition(fileName: string): string {
  if (typeof fileName !== 'string' || fileName.trim() === '') throw invalidOption('fileName', 'a non-empty string', fileName);
  const clean = fileName.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  if (ascii === clean) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

// --- internal ---

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
