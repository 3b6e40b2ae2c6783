import type { PGlite } from '@electric-sql/pglite';
import { lockStatement, transactionScope, type Db, type TransactionOptions } from './db.ts';

/** PostgreSQL's type oid of bytea. */
const BYTEA = 17;

/**
 * How bytes cross into and out of PGlite. Its default bytea serializer builds a hex string one
 * byte at a time (`'\\x' + Array.from(bytes).map(b => b.toString(16).padStart(2, '0')).join('')`),
 * which cost a third of all CPU of an import; its parser reads that hex back one pair at a time.
 * Handing the Uint8Array through untouched makes PGlite bind it as a binary parameter (its bind
 * step writes any ArrayBuffer view as raw bytes with the binary format code), and results are
 * parsed from hex by Node's native decoder. The serializer's declared type is `string`; the
 * binary path is what PGlite does with a typed array at run time.
 *
 * They are set on the instance, not passed with each query: PGlite merges a query's own parsers
 * into a copy of its map of several hundred types on every query that has some, which cost
 * 0.4 ms of CPU a statement (a `SELECT 1` took 0.7 ms instead of 0.27).
 */
function passBytesAsTheyAre(pglite: PGlite): void {
  pglite.serializers[BYTEA] = (value: unknown) => value as string;
  pglite.parsers[BYTEA] = (hex: string) => Buffer.from(hex.slice(2), 'hex');
}

/**
 * Adapt an open PGlite instance (in memory or on a data folder) to the `Db` seam. PGlite runs one
 * statement at a time and its `transaction` holds the instance exclusively, so transactions are
 * serialised: inside one, use only the `tx` handed to the callback or the call will wait forever.
 * Sets the instance's bytea serializer and parser (`passBytesAsTheyAre`): bytes read back are
 * Buffers, for any user of the instance.
 */
export function fromPglite(pglite: PGlite): Db {
  passBytesAsTheyAre(pglite);
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await pglite.query<R>(text, values === undefined ? undefined : [...values]);
      return { rows: result.rows };
    },
    transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T> {
      return pglite.transaction(async (inner) => {
        if (options?.lock) {
          const lock = lockStatement(options.lock);
          await inner.query(lock.text, [...lock.values]);
        }
        return fn(
          transactionScope(async <R>(text: string, values?: readonly unknown[]) => {
            const result = await inner.query<R>(text, values === undefined ? undefined : [...values]);
            return { rows: result.rows };
          }),
        );
      });
    },
  };
}
