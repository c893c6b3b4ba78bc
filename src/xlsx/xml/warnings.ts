// The warning codes and types are shared by every writer and by `fromCsv`, so they live in the lowest
// layer (src/warnings.ts); this module keeps the XLSX modules' imports of them where they were.
export { RowportWarningCode, type RowportWarning, type WarningHandler } from '../../warnings.js';
