import type { Pool, PoolClient } from 'pg';

/** Arbitrary, fixed first half of the advisory lock a `runcue start` on PostgreSQL holds. */
const SERVER_LOCK_CLASS = 7_316_043;

export interface PgPresence {
  /** The `runcue start` serving this database and schema, when this process is not it. */
  readonly server: { readonly pid: number } | null;
  release(): Promise<void>;
}

/**
 * Tells a command whether a `runcue start` serves the same PostgreSQL database (and schema): the
 * server holds a session advisory lock keyed by the schema for as long as it runs, and a command
 * tries the same lock. While a server runs it is the one that sends mail, with its configuration,
 * so a command only queues messages for it (`deliver-queued.ts`). The lock goes with the server's
 * connection, so a killed server leaves nothing behind.
 */
export async function pgPresence(pool: Pool, serve: boolean): Promise<PgPresence> {
  const client: PoolClient = await pool.connect();
  const key = [SERVER_LOCK_CLASS];
  const { rows } = await client.query<{ got: boolean }>(
    'SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS got',
    key,
  );
  const got = rows[0]?.got === true;
  const unlock = async () => {
    await client.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', key);
  };
  if (serve) {
    if (!got) {
      client.release();
      return { server: null, release: () => Promise.resolve() };
    }
    // Named so that a command can say which process it is.
    await client.query("SELECT set_config('application_name', $1, false)", [`runcue start ${process.pid}`]);
    let released = false;
    return {
      server: null,
      async release() {
        if (released) return;
        released = true;
        await unlock().catch(() => undefined);
        client.release();
      },
    };
  }
  try {
    if (got) {
      await unlock();
      return { server: null, release: () => Promise.resolve() };
    }
    const holder = await client.query<{ name: string | null }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1
          AND l.objid = (hashtext(current_schema())::bigint & 4294967295)::oid LIMIT 1`,
      key,
    );
    const pid = Number(/^runcue start (\d+)$/.exec(holder.rows[0]?.name ?? '')?.[1] ?? 0);
    return { server: { pid }, release: () => Promise.resolve() };
  } finally {
    client.release();
  }
}
