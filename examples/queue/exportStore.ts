import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { exportToFile } from 'rowport';

/** What a store is told about an export it keeps. */
export interface PutOptions {
  /** Aborting stops the upload; the store then keeps nothing under the key. */
  readonly signal?: AbortSignal;
  /** The name the download will carry (`contentDisposition`). */
  readonly fileName: string;
  readonly contentType: string;
}

/**
 * Where finished exports live, between the worker that writes them and the server that hands them
 * out. Two implementations: {@link createLocalStore} (a folder: one machine, the default) and
 * `createS3Store` in `s3Store.ts` (S3-compatible object storage: many machines).
 */
export interface ExportStore {
  /** Stores the whole stream under `key`, or nothing at all when it fails or is aborted. */
  put(key: string, stream: Readable, options: PutOptions): Promise<{ bytes: number }>;
  /** True when an object is stored under `key`. */
  exists(key: string): Promise<boolean>;
  /** The stored bytes, for a server that streams the download itself. */
  open(key: string): Promise<Readable>;
  /**
   * A URL the client can fetch the object from directly, without credentials, for `expiresInSeconds`
   * (an object store's presigned GET). Absent when the server must stream the bytes itself.
   */
  presign?(key: string, options: { fileName: string; contentType: string; expiresInSeconds: number }): Promise<string>;
  /** Removes the object (no error when it is gone). */
  delete(key: string): Promise<void>;
  /** Removes every object stored more than `maxAgeMs` ago (the cache expiry). Returns how many. */
  sweep(maxAgeMs: number): Promise<number>;
  /**
   * Resolves when the store can be used, for a health check (an object store: the bucket exists and
   * answers); rejects otherwise. Without it the check looks up a key that does not exist.
   */
  ping?(): Promise<void>;
}

/**
 * An {@link ExportStore} in a local folder. Writes go through rowport's `exportToFile` into
 * `<dir>/.staging/<pid>/` and are renamed into place only when whole; a failed rename removes the
 * staging file. Starting a store, each `put` and each `sweep` remove the staging folders of dead
 * processes (a worker killed mid-export), so no partial file outlives the next job or sweep on
 * that host. Keys may hold `/` (sub-folders) but never `..`.
 */
export async function createLocalStore(dir: string): Promise<ExportStore> {
  const stagingRoot = join(dir, '.staging');
  await sweepDeadStaging(stagingRoot);
  const staging = join(stagingRoot, String(process.pid));
  const pathOf = (key: string) => {
    if (/[\\\0]/.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '' || part === '.staging'))
      throw new TypeError(`Invalid store key ${JSON.stringify(key)}`);
    return join(dir, ...key.split('/'));
  };
  return {
    async put(key, stream, { signal }) {
      const target = pathOf(key);
      await sweepDeadStaging(stagingRoot); // a worker killed on this host: its half-written file goes now, not at a restart
      const temp = join(staging, key.replaceAll('/', '_'));
      const summary = await exportToFile(stream, temp, { signal, mkdir: true });
      try {
        await mkdir(dirname(target), { recursive: true });
        await rename(summary.path, target); // same file system: atomic, and only whole files leave staging
      } catch (error) {
        await rm(summary.path, { force: true });
        throw error;
      }
      return { bytes: summary.bytes };
    },
    async exists(key) {
      return stat(pathOf(key)).then(
        (s) => s.isFile(),
        () => false,
      );
    },
    async open(key) {
      const path = pathOf(key);
      await stat(path); // ENOENT here, not as a stream error mid-response
      return createReadStream(path);
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rmEmptyParents(dirname(path), dir);
    },
    async sweep(maxAgeMs) {
      const cutoff = Date.now() - maxAgeMs;
      let removed = 0;
      await sweepDeadStaging(stagingRoot);
      const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const path = join(entry.parentPath, entry.name);
        if (!entry.isFile() || path.startsWith(stagingRoot + sep)) continue;
        const info = await stat(path).catch(() => undefined);
        if (info && info.mtimeMs <= cutoff) {
          await rm(path, { force: true });
          await rmEmptyParents(dirname(path), dir);
          removed++;
        }
      }
      return removed;
    },
  };
}

// --- internal ---

/** Removes `.staging/<pid>` folders whose process is gone (killed mid-export). Same host only. */
async function sweepDeadStaging(root: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes now-empty folders from `folder` up to (not including) `root`. */
async function rmEmptyParents(folder: string, root: string): Promise<void> {
  let current = folder;
  while (current.startsWith(root + sep) && current !== root) {
    const left = await readdir(current).catch(() => ['?']);
    if (left.length > 0) return;
    await rm(current, { recursive: true, force: true });
    current = dirname(current);
  }
}
