import type pg from 'pg';

/** The role `pgDb` runs custom (read-only) queries as, whatever role the pool logs in with. */
export const CUSTOM_QUERY_ROLE = 'rowport_custom_query';

/** The analytics tables: all a custom query may read. */
export const ANALYTICS_TABLES = ['teachers', 'classes', 'students', 'enrolments', 'metrics'] as const;

/**
 * Sets up the role custom queries run as (`SET LOCAL ROLE` in `pgDb`): `NOLOGIN`, `SELECT` on the
 * analytics tables and nothing else, and granted to `serviceRole` (the role the service logs in
 * with; default: the role running this), so it may switch to it even when it is no superuser;
 * a `serviceRole` also gets `SELECT` on the tables. Server functions (`pg_read_file`, `dblink`,
 * `pg_terminate_backend`) then fail their own privilege checks. Two functions are `PUBLIC` by
 * default and are taken back from `PUBLIC` in this database (and granted to the running role):
 * the advisory locks, and `set_config`, which could otherwise switch the role back
 * (`set_config('role', …)`); they are granted to `serviceRole`. Run it once as the database owner or
 * a superuser; it is idempotent.
 */
export async function createCustomQueryRole(pool: pg.Pool, options: { role?: string; tables?: readonly string[]; serviceRole?: string } = {}): Promise<void> {
  const { role = CUSTOM_QUERY_ROLE, tables = ANALYTICS_TABLES, serviceRole } = options;
  for (const name of [role, ...tables, ...(serviceRole ? [serviceRole] : [])])
    if (!IDENTIFIER.test(name)) throw new TypeError(`Invalid identifier ${JSON.stringify(name)}: expected lowercase letters, digits and _`);
  const service = serviceRole ?? 'CURRENT_USER';
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF; END $$`);
    await client.query('SAVEPOINT grant_role');
    // The service's role may switch to it; a superuser needs no membership (and may not be granted its own role chain twice).
    await client.query(`GRANT ${role} TO ${service}`).catch(() => client.query('ROLLBACK TO SAVEPOINT grant_role'));
    if (serviceRole) await client.query(`GRANT SELECT ON ${tables.join(', ')} TO ${serviceRole}`);
    await client.query(`GRANT SELECT ON ${tables.join(', ')} TO ${role}`);
    await client.query(`DO $$ DECLARE f regprocedure; BEGIN
      FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace AND (p.proname LIKE 'pg%advisory%' OR p.proname = 'set_config') LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, ${serviceRole ? `'${serviceRole}'` : 'current_user'});
      END LOOP; END $$`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// --- internal ---

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
