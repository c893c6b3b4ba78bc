import { RowportErrorCode, isRowportError } from '../errors.js';
import { callUser } from '../base/callUser.js';
import { asRowportError } from '../writer/exportErrors.js';
import type { ByteSource, Platform } from '../platform/platform.js';
import { Progress } from '../progress/progress.js';
import type { ProgressInfo } from '../types.js';
import type { ResolvedLook } from './settings/look.js';
import type { SheetNames } from './package/sheetName.js';
import { type SheetJob, writeSheet } from './sheet/writeSheet.js';
import { FEATURES } from './features/features.js';
import type { WorkbookFeature } from './seam/feature.js';
import { appXml, contentTypesXml, coreXml, rootRelsXml, workbookRelsXml, workbookXml } from './package/packageParts.js';
import { StyleRegistry } from './package/styles.js';
import { SHARED_STRINGS_PART, SHARED_STRINGS_REL, SHARED_STRINGS_TYPE, SharedStrings } from './package/sharedStrings.js';
import { WorkbookAdditions } from './sheet/workbookAdditions.js';
import { FeatureState } from './settings/sheetSettings.js';
import type { WorkbookState } from './sheet/workbookState.js';

/** A workbook to write: its sheets (names already reserved in `names`) and its look. */
export interface WorkbookJob {
  readonly sheets: readonly SheetJob[];
  readonly names: SheetNames;
  readonly look: ResolvedLook;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((progress: ProgressInfo) => void) | undefined;
  readonly progressInterval: number;
  readonly total: number | undefined;
  /** Write zip64 records for every entry, as a sheet past 4 GiB gets them (tests of readers only). */
  readonly forceZip64?: boolean;
  /** The feature state the sheets were resolved with (what their `resolve` reserved). @default a new one */
  readonly state?: FeatureState;
  /** The feature list the sheets were resolved with, whose `finish` hooks run after the last sheet. @default FEATURES */
  readonly features?: readonly WorkbookFeature<never>[];
}

/** Fixed time of the zip entries and document properties without `createdAt`: the DOS epoch. */
export const FIXED_TIME = new Date(Date.UTC(1980, 0, 1));

/**
 * Streams a workbook: the sheets, one after another, are written into the zip while its bytes
 * flow out; the parts that list everything (`[Content_Types].xml`, the workbook, relationships,
 * styles, properties) follow the last sheet. Destroying the stream stops the writing and closes
 * every sheet's source that is still open. The runtime's pieces (text chunks, the zip) come from `platform`.
 */
export function workbookSource(job: WorkbookJob, platform: Platform): ByteSource {
  const { look } = job;
  const progress = new Progress(job.onProgress, job.progressInterval, job.total);
  const zip = platform.zip(look.createdAt ?? FIXED_TIME, look.compressionLevel, job.forceZip64 ?? false);
  const parts = { zip, names: job.names, sheets: [], definedNames: [], overrides: new Map(), counters: new Map(), state: job.state ?? new FeatureState() };
  const state: WorkbookState = {
    ...parts,
    progress,
    platform,
    styles: new StyleRegistry(look.headerStyle),
    strings: look.sharedStrings === undefined ? undefined : new SharedStrings(look.sharedStrings),
    book: new WorkbookAdditions(parts),
    cancelled: false,
    warn(code, message, sheet, row, column) {
      if (look.onWarning)
        callUser(
          'onWarning',
          look.onWarning,
          { code, message, sheet, ...(row === undefined ? {} : { row }), ...(column === undefined ? {} : { column }) },
          progress.watch,
        );
    },
  };
  // All at once: one source whose return() hangs must not keep the others open.
  const closeSources = async (): Promise<void> => {
    await Promise.all(job.sheets.map((sheet) => sheet.reader.close()));
  };
  const cancel = (): Promise<void> => {
    state.cancelled = true;
    zip.destroy();
    return closeSources();
  };
  return { chunks: workbookChunks(job, state, closeSources), signal: job.signal, cancel, rows: () => progress.rows, watch: progress.watch };
}

// --- internal ---

async function* workbookChunks(job: WorkbookJob, state: WorkbookState, closeSources: () => Promise<void>): AsyncGenerator<Uint8Array, void, undefined> {
  const { zip, progress } = state;
  let failure: unknown;
  const producing = writeParts(job, state).then(
    () => zip.end(),
    (error: unknown) => {
      failure = error;
      state.cancelled = true;
      zip.destroy(asRowportError(error));
    },
  );
  try {
    for await (const chunk of zip.output) {
      progress.addBytes(chunk.length);
      yield chunk;
    }
    await producing;
    if (failure !== undefined) throw failure;
    progress.final();
    await progress.watch.settle();
  } catch (error) {
    throw asRowportError(failure ?? error);
  } finally {
    state.cancelled = true;
    zip.destroy();
    await closeSources();
  }
}

async function writeParts(job: WorkbookJob, state: WorkbookState): Promise<void> {
  for (const sheet of job.sheets) {
    try {
      await writeSheet(sheet, state);
    } catch (error) {
      if (job.sheets.length > 1) nameSheet(error, sheet.sheet.name);
      throw error;
    }
  }
  const { zip, sheets, book } = state;
  for (const feature of job.features ?? FEATURES) if (Object.hasOwn(feature, 'finish')) feature.finish?.(book); // never one from Object.prototype
  await writeSharedStrings(state);
  zip.addBuffer('xl/workbook.xml', workbookXml(sheets, state.definedNames, book.attributes));
  zip.addBuffer('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets, book.relationships));
  zip.addBuffer('xl/styles.xml', state.styles.toXml());
  zip.addBuffer('docProps/core.xml', coreXml(job.look.creator, job.look.createdAt ?? FIXED_TIME));
  zip.addBuffer('docProps/app.xml', appXml(sheets));
  zip.addBuffer('_rels/.rels', rootRelsXml());
  zip.addBuffer('[Content_Types].xml', contentTypesXml(sheets, state.overrides));
}

/** The shared-string table, after the last sheet (and the features' own sheets), when a cell refers to it. */
async function writeSharedStrings(state: WorkbookState): Promise<void> {
  const { strings } = state;
  if (strings === undefined || strings.size === 0) return;
  state.book.addRelationship(SHARED_STRINGS_REL, 'sharedStrings.xml');
  state.overrides.set(`/${SHARED_STRINGS_PART}`, SHARED_STRINGS_TYPE);
  await strings.write(state.zip.openEntry(SHARED_STRINGS_PART), state.platform.textChunk(), () => state.cancelled);
}

/**
 * Starts the message of a sheet's error with the sheet's name (`Sheet "Scores": Row 2: …`), so that
 * an error of a workbook of several sheets says which one failed: row indexes are each sheet's own.
 * A cancel (`ROWPORT_ABORTED`) belongs to no sheet and is left as it is.
 */
function nameSheet(error: unknown, name: string): void {
  if (!isRowportError(error) || error.code === RowportErrorCode.Aborted) return;
  error.message = `Sheet ${JSON.stringify(name)}: ${error.message}`;
}
