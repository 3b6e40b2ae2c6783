/**
 * The one seam every query goes through. A backend only has to run parameterised SQL (`$1`, `$2`
 * placeholders) and open a transaction; `fromPg` and `fromPglite` adapt the two we support.
 * Query functions take a `Db` first and never know which backend is behind it.
 */

/** A parameterised statement, built purely and run by a `Db`. */
export interface Query {
  readonly text: string;
  readonly values: readonly unknown[];
}

export interface Db {
  /** Run one statement; `values` fill `$1`, `$2`, ... */
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<{ rows: R[] }>;
  /**
   * Run `fn` in a transaction: committed when it resolves, rolled back when it throws (the error
   * is re-thrown). Inside `fn`, use only `tx`. Nested calls on `tx` become savepoints.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /**
   * Taken before `fn` runs and held until the transaction ends (`lockStatement`). A backend may
   * send it with the transaction's BEGIN, in one round trip.
   */
  readonly lock?: AdvisoryLock;
}

/** A transaction-scoped advisory lock on the pair (`classId`, `hashtext(key)`). */
export interface AdvisoryLock {
  /** A 32-bit integer naming what the lock is for (a constant of the code that takes it). */
  readonly classId: number;
  readonly key: string;
}

/** The statement that takes an `AdvisoryLock`, waiting for it while another transaction holds it. */
export function lockStatement(lock: AdvisoryLock): Query {
  if (!Number.isInteger(lock.classId) || lock.classId < -(2 ** 31) || lock.classId >= 2 ** 31)
    throw new RangeError(`an advisory lock's class is a 32-bit integer, got ${lock.classId}`);
  return { text: 'SELECT pg_advisory_xact_lock($1, hashtext($2))', values: [lock.classId, lock.key] };
}

/** Run a `{ text, values }` query on a Db. */
export function run<R = Record<string, unknown>>(db: Db, q: Query): Promise<{ rows: R[] }> {
  return db.query<R>(q.text, q.values);
}

/**
 * Wrap a transaction-scoped runner so that nested `transaction` calls use savepoints. Shared by
 * both adapters; `query` is the transaction's own statement runner.
 */
export function transactionScope(
  query: <R>(text: string, values?: readonly unknown[]) => Promise<{ rows: R[] }>,
): Db {
  let savepoints = 0;
  const tx: Db = {
    query,
    async transaction<T>(fn: (inner: Db) => Promise<T>, options?: TransactionOptions): Promise<T> {
      savepoints += 1;
      const name = `runcue_sp_${savepoints}`;
      await query(`SAVEPOINT ${name}`);
      try {
        if (options?.lock) {
          const lock = lockStatement(options.lock);
          await query(lock.text, lock.values);
        }
        const result = await fn(tx);
        await query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
  return tx;
}

/** The single row a RETURNING statement or aggregate must produce. */
export function oneRow<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('expected one row, got none');
  return row;
}
