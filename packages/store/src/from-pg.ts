import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import {
  lockStatement,
  transactionScope,
  type AdvisoryLock,
  type Db,
  type TransactionOptions,
} from './db.ts';

/**
 * Statements with parameters that are prepared once per connection, at most: every query text in
 * runcue is a constant, so a few dozen are ever seen; past this many, a text is parsed each time.
 */
const MAX_PREPARED = 200;

/**
 * Adapt a `pg` Pool (built by the service from its config) to the `Db` seam. Plain queries go to
 * any pooled connection; a transaction checks out one client, runs BEGIN … COMMIT on it and
 * always releases it (destroying it if ROLLBACK itself failed).
 *
 * A statement with parameters is prepared on a connection the first time it runs there and then
 * only bound and executed: an ingest's lookup of what a run may duplicate and its one-statement
 * insert cost PostgreSQL 0.3-0.5 ms each to parse and plan, more than to run. (A pooler between
 * runcue and PostgreSQL must keep prepared statements: PgBouncer in session mode, or 1.21 and
 * later with `max_prepared_statements`.) A statement's name is drawn from its text, so two adapters
 * over one pool agree on it. `{ prepare: false }` prepares nothing: for a session that other
 * processes share (the embedded database served by `runcue start`), where a name one process
 * prepared would already exist for the next.
 */
export function fromPg(pool: Pool, options: { readonly prepare?: boolean } = {}): Db {
  const prepare = options.prepare ?? true;
  const names = new Map<string, string>();
  const statement = (text: string, values?: readonly unknown[]): QueryConfig | string => {
    if (values === undefined) return text;
    let name = names.get(text);
    if (prepare && name === undefined && names.size < MAX_PREPARED) {
      name = `runcue_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name === undefined ? { text, values: [...values] } : { name, text, values: [...values] };
  };
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await pool.query(statement(text, values));
      return { rows: result.rows as R[] };
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const tx = transactionScope(async <R>(text: string, values?: readonly unknown[]) => {
          const result = await client.query(statement(text, values));
          return { rows: result.rows as R[] };
        });
        try {
          // The lock goes with BEGIN, in one round trip: its values are written into the text.
          await client.query(options?.lock ? `BEGIN; ${lockText(options.lock, client)}` : 'BEGIN');
          const value = await fn(tx);
          await client.query('COMMIT');
          return value;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
  };
}

/** `lockStatement` with its values written in as literals, for a multi-statement simple query. */
function lockText(lock: AdvisoryLock, client: PoolClient): string {
  const { values } = lockStatement(lock);
  return `SELECT pg_advisory_xact_lock(${String(values[0])}, hashtext(${client.escapeLiteral(lock.key)}))`;
}
