import type { Db, TransactionOptions } from '@runcue/store';

/**
 * A first-come first-served lock around the embedded database while other processes share it.
 * `runcue start` and every connection from another process take turns: one holder at a time, for
 * a statement or a whole transaction.
 */
export interface DbGate {
  /** Waits for the turn and returns the function that gives it back (calling it twice is harmless). */
  acquire(): Promise<() => void>;
  /** Runs `fn` in a turn of its own. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Creates an unheld gate. Waiters are served in the order they asked. */
export function createDbGate(): DbGate {
  let tail: Promise<void> = Promise.resolve();
  const acquire = async (): Promise<() => void> => {
    let open = (): void => undefined;
    const turn = new Promise<void>((resolve) => (open = resolve));
    const previous = tail;
    tail = previous.then(() => turn);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
    };
  };
  return {
    acquire,
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}

/**
 * Puts every statement and every transaction of `db` behind `gate`, so that nothing from another
 * process runs between them. Inside a transaction only its `tx` is used (the `Db` contract), and
 * that already holds the turn.
 */
export function gateDb(db: Db, gate: DbGate): Db {
  return {
    query<R>(text: string, values?: readonly unknown[]) {
      return gate.run(() => db.query<R>(text, values));
    },
    transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions) {
      return gate.run(() => db.transaction(fn, options));
    },
  };
}
