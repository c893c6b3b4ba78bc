import type { ServerResponse } from 'node:http';
import type { AnalyticsService } from '../analytics/service.js';
import type { ExportQueue } from '../queue/exportQueue.js';

/** How long one dependency may take to answer the health check. */
const CHECK_TIMEOUT_MS = 2_000;

/** What `GET /healthz` answers: each dependency `ok` or `unavailable`, never why (hosts, errors stay in the log). */
export interface Health {
  readonly status: 'ok' | 'unavailable';
  readonly checks: { readonly database: CheckResult; readonly queue?: CheckResult; readonly store?: CheckResult };
}
type CheckResult = 'ok' | 'unavailable';

/**
 * Checks the service's dependencies, each within 2 s: the database (a `SELECT 1`), and with a queue,
 * Redis (connect and PING) and the export store (its `ping`, else a lookup of a key that does not exist).
 */
export async function checkHealth(service: AnalyticsService, jobs?: ExportQueue): Promise<Health> {
  const [database, queue, store] = await Promise.all([
    check(() => service.ping()),
    jobs ? check(() => jobs.ping()) : undefined,
    jobs ? check(() => (jobs.store.ping ? jobs.store.ping() : jobs.store.exists('healthz/probe'))) : undefined,
  ]);
  const checks = { database, ...(queue ? { queue } : {}), ...(store ? { store } : {}) };
  return { status: Object.values(checks).every((c) => c === 'ok') ? 'ok' : 'unavailable', checks };
}

/** Answers `GET /healthz` (no credentials needed): 200 when every dependency answers, else 503. */
export async function sendHealth(res: ServerResponse, service: AnalyticsService, jobs?: ExportQueue): Promise<void> {
  const health = await checkHealth(service, jobs);
  const text = JSON.stringify(health);
  res
    .writeHead(health.status === 'ok' ? 200 : 503, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    })
    .end(text);
}

// --- internal ---

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)))]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
