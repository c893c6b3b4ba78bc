import type * as fsPromises from 'node:fs/promises';

/**
 * Hooks into `node:fs/promises` for tests that must control the order of file system events
 * (what happens while a file is being opened, a write that fails, a rename that fails). A test
 * file installs them with:
 * ```ts
 * vi.mock('node:fs/promises', async (importOriginal) => (await import('../helpers/fsHooks.js')).hookedFsPromises(await importOriginal()));
 * ```
 * and sets `fsHooks.*`; `resetFsHooks()` in `afterEach`. Unset hooks call straight through.
 */
export const fsHooks: {
  /** Runs before `open()` reaches the file system; may wait, throw or abort something. */
  beforeOpen?: ((path: string) => Promise<void> | void) | undefined;
  /** Runs after `open()` created the file and before the caller gets the handle. */
  afterOpen?: ((path: string) => Promise<void> | void) | undefined;
  /** Replaces `FileHandle.write` for handles opened from now on. */
  write?: ((...args: unknown[]) => Promise<unknown>) | undefined;
  /** Runs instead of `rename()` when set. */
  rename?: ((from: string, to: string) => Promise<void>) | undefined;
  /** Runs before `FileHandle.close()` of handles opened from now on (the file's path is given). */
  beforeClose?: ((path: string) => Promise<void> | void) | undefined;
  /** Runs before `FileHandle.sync()` of handles opened from now on (the file's path is given). */
  beforeSync?: ((path: string) => Promise<void> | void) | undefined;
} = {};

export function resetFsHooks(): void {
  fsHooks.beforeOpen = undefined;
  fsHooks.afterOpen = undefined;
  fsHooks.write = undefined;
  fsHooks.rename = undefined;
  fsHooks.beforeClose = undefined;
  fsHooks.beforeSync = undefined;
}

/** The module `node:fs/promises`, with the hooks above in `open` and `rename`. */
export function hookedFsPromises(actual: typeof fsPromises): typeof fsPromises {
  const open = (async (path: string, ...rest: unknown[]) => {
    await fsHooks.beforeOpen?.(String(path));
    const handle = await (actual.open as (...a: unknown[]) => Promise<fsPromises.FileHandle>)(path, ...rest);
    const write = fsHooks.write;
    if (write) handle.write = write as never;
    runBefore(handle, 'close', fsHooks.beforeClose, String(path));
    runBefore(handle, 'sync', fsHooks.beforeSync, String(path));
    await fsHooks.afterOpen?.(String(path));
    return handle;
  }) as typeof actual.open;
  const rename = ((from: string, to: string) => (fsHooks.rename ? fsHooks.rename(from, to) : actual.rename(from, to))) as typeof actual.rename;
  return { ...actual, open, rename, default: { ...actual, open, rename } } as typeof fsPromises;
}

/** Makes `handle[method]()` run `hook(path)` first, when a hook is set. */
function runBefore(handle: fsPromises.FileHandle, method: 'close' | 'sync', hook: ((path: string) => Promise<void> | void) | undefined, path: string): void {
  if (hook === undefined) return;
  const original = handle[method].bind(handle);
  handle[method] = async () => {
    await hook(path);
    return original();
  };
}
