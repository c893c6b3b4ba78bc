import type { ServerResponse } from 'node:http';
import type { Principal } from '../analytics/access.js';
import { AnalyticsError, AnalyticsErrorCode } from '../analytics/errors.js';

/** Seconds a 429 asks the client to wait. */
const RETRY_AFTER_S = 5;

/**
 * At most `max` direct downloads per principal at once, in this process: a place is taken before
 * the export starts and given back when its response closes (finished, failed or hung up).
 */
export class DownloadLimiter {
  readonly #max: number;
  readonly #running = new Map<string, number>();

  constructor(max: number) {
    if (!Number.isSafeInteger(max) || max < 1)
      throw new TypeError(`Invalid option \`maxDownloadsPerPrincipal\`: expected a whole number ≥ 1, got ${String(max)}`);
    this.#max = max;
  }

  /**
   * Takes a place for `principal` until `res` closes.
   * @throws {AnalyticsError} `ANALYTICS_TOO_MANY_EXPORTS` (429, `retryAfter`) when they hold `max` already.
   */
  hold(principal: Principal, res: ServerResponse): void {
    const key = `${principal.role}:${principal.id}`;
    const count = this.#running.get(key) ?? 0;
    if (count >= this.#max) {
      throw new AnalyticsError(AnalyticsErrorCode.TooManyExports, `You have ${count} downloads running (at most ${this.#max}): wait for one to finish`, {
        retryAfter: RETRY_AFTER_S,
      });
    }
    this.#running.set(key, count + 1);
    res.once('close', () => {
      const left = (this.#running.get(key) ?? 1) - 1;
      if (left > 0) this.#running.set(key, left);
      else this.#running.delete(key);
    });
  }
}
