import type { Readable } from 'node:stream';
import { sourceStream } from '../writer/chunkStream.js';
import { trackRows } from '../writer/rowCount.js';
import { type WorkbookJob, workbookSource } from '../xlsx/streamWorkbook.js';
import { NODE } from './platform.js';

/**
 * A workbook as a Node `Readable` (see `workbookSource`): destroying it stops the writing and
 * closes every sheet's source that is still open.
 */
export function streamWorkbook(job: WorkbookJob): Readable {
  const source = workbookSource(job, NODE);
  return trackRows(sourceStream(source), source.rows);
}
