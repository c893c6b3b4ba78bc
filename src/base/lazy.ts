import { RowportError, RowportErrorCode } from '../errors.js';

/**
 * A dependency loaded by `import()` when a call first needs it, never when rowport is imported.
 * So a bundle of an app that uses `toCsv` alone runs neither iconv-lite nor date-fns
 * (`fromCsv` parses with rowport's own parser, nothing to load): CommonJS packages that `require()` Node built-ins crash an ESM bundle at start
 * (esbuild: `Dynamic require of "fs" is not supported`), and unused code costs start-up time.
 *
 * Options are checked at the call without the dependency; the call then `start()`s the load, and
 * the writers' streams wait for {@link lazyLoads} before they read the first row.
 */
export class Lazy<M> {
  private module: M | undefined;
  private loading: Promise<M> | undefined;
  private failure: RowportError | undefined;

  /** @param name - The package, for the message when it cannot be loaded. */
  constructor(
    private readonly name: string,
    private readonly load: () => Promise<M>,
  ) {}

  /** Starts loading (once) and returns the module. */
  start(): Promise<M> {
    if (this.loading === undefined) {
      const loading = this.load().then(
        (module) => {
          this.module = module;
          return module;
        },
        (error: unknown) => {
          // typically an ESM bundle, where a CommonJS package cannot require() Node's built-ins
          const reason = error instanceof Error ? error.message : String(error);
          this.failure = new RowportError(
            RowportErrorCode.DependencyFailed,
            `rowport could not load ${this.name}: ${reason} (in an ESM bundle, add the require banner: docs/runtimes.md, "Bundlers")`,
            { cause: error },
          );
          throw this.failure;
        },
      );
      this.loading = loading;
      pending.add(loading);
      const done = (): void => void pending.delete(loading);
      loading.then(done, done);
    }
    return this.loading;
  }

  /** Hands over a module already imported statically (by a synchronous API such as `formatDate`). */
  provide(module: M): void {
    this.module ??= module;
  }

  /** The module; only after {@link start} has settled (or {@link provide}). */
  get(): M {
    if (this.module === undefined) throw this.failure ?? new Error(`rowport: ${this.name} was used before it was loaded`);
    return this.module;
  }

  /** True once the module can be used synchronously. */
  get loaded(): boolean {
    return this.module !== undefined;
  }
}

/**
 * Resolves when every load started so far has settled, or `undefined` when none is under way, so
 * the common case costs no promise. It never rejects: a failed load fails only the calls that use
 * that module (its `get()` throws), not every stream that happens to wait at the same time.
 */
export function lazyLoads(): Promise<void> | undefined {
  if (pending.size === 0) return undefined;
  return Promise.allSettled(pending).then(() => undefined);
}

// --- internal ---

const pending = new Set<Promise<unknown>>();
