import type { Pool } from 'pg';
import { transactionScope, type Db } from './db.ts';

/**
 * Adapt a `pg` Pool (built by the service from its config) to the `Db` seam. Plain queries go to
 * any pooled connection; a transaction checks out one client, runs BEGIN … COMMIT on it and
 * always releases it (destroying it if ROLLBACK itself failed).
 */
export function fromPg(pool: Pool): Db {
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await pool.query(text, values === undefined ? undefined : [...values]);
      return { rows: result.rows as R[] };
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx = transactionScope(async <R>(text: string, values?: readonly unknown[]) => {
          const result = await client.query(text, values === undefined ? undefined : [...values]);
          return { rows: result.rows as R[] };
        });
        try {
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
