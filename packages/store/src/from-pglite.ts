import type { PGlite } from '@electric-sql/pglite';
import { transactionScope, type Db } from './db.ts';

/**
 * Adapt an open PGlite instance (in memory or on a data folder) to the `Db` seam. PGlite runs one
 * statement at a time and its `transaction` holds the instance exclusively, so transactions are
 * serialised: inside one, use only the `tx` handed to the callback or the call will wait forever.
 */
export function fromPglite(pglite: PGlite): Db {
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await pglite.query<R>(text, values === undefined ? undefined : [...values]);
      return { rows: result.rows };
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      return pglite.transaction(async (inner) =>
        fn(
          transactionScope(async <R>(text: string, values?: readonly unknown[]) => {
            const result = await inner.query<R>(text, values === undefined ? undefined : [...values]);
            return { rows: result.rows };
          }),
        ),
      );
    },
  };
}
