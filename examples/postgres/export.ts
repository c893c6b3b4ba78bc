/**
 * Exports a PostgreSQL table to ./out/ with the right types:
 *
 *   DATABASE_URL=postgres://user@localhost/db npx tsx examples/postgres/export.ts metrics --format xlsx --tz Europe/Paris
 *   DATABASE_URL=… npx tsx examples/postgres/export.ts --load-sample [--service-role rowport]   # create and fill the sample school first
 *
 * Ctrl-C, SIGTERM (a container stopping) or SIGHUP stop the export: the cursor is closed, the temp
 * file removed (`exportToFile` with a signal), nothing is left in the output folder, and the exit
 * code is 128 + the signal number (130, 143, 129).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportToFile } from 'rowport';
import { generateSchool } from '../analytics/seed.js';
import { exportTable } from './exportTable.js';
import { createPool, pgDb } from './pgDb.js';
import { CUSTOM_QUERY_ROLE, createCustomQueryRole } from './customQueryRole.js';
import { loadSchool } from './schema.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string', default: 'csv' },
    tz: { type: 'string', default: 'UTC' },
    out: { type: 'string', default: 'out' },
    'load-sample': { type: 'boolean', default: false },
    'service-role': { type: 'string' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
const db = pgDb(createPool(url));
const controller = new AbortController();
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
let stoppedBy: keyof typeof SIGNALS | undefined;
for (const name of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
  process.once(name, () => {
    stoppedBy = name;
    controller.abort(new Error(`Stopped by ${name}`));
  });
}
try {
  if (values['load-sample']) {
    await loadSchool(db.pool, generateSchool());
    if (values['service-role']) await createCustomQueryRole(db.pool, { serviceRole: values['service-role'] });
    console.log(
      `Loaded the sample school (teachers, classes, students, enrolments, metrics) and the role ${CUSTOM_QUERY_ROLE} for custom queries${values['service-role'] ? `, for the service role ${values['service-role']}` : ''}.`,
    );
  }
  for (const table of positionals) {
    if (controller.signal.aborted) break;
    const { stream, fileName } = await exportTable(db, table, { format: values.format === 'xlsx' ? 'xlsx' : 'csv', timeZone: values.tz });
    const summary = await exportToFile(stream, join(values.out, fileName), { signal: controller.signal, mkdir: true });
    console.log(`${summary.path}: ${summary.rows} rows, ${summary.bytes} bytes, ${summary.durationMs} ms`);
  }
} catch (error) {
  console.error(stoppedBy ? `Stopped by ${stoppedBy}: no file written` : error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.close();
  if (stoppedBy) process.exitCode = 128 + SIGNALS[stoppedBy];
}
