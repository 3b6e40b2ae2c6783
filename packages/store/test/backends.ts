/**
 * The one disposable store every suite runs on, for both backends: PGlite in memory and the real
 * PostgreSQL at `RUNCUE_TEST_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test). Each
 * `open()` gives a fresh, migrated schema of its own that `close()` drops; `useTestDb` opens one
 * per test and keeps the schema of a test that failed (its name is printed) so it can be looked at.
 * An unreachable PostgreSQL fails the tests with a message saying so: it is never skipped.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { beforeEach } from 'vitest';
import { fromPg, fromPglite, migrate, type Db } from '../src/index.ts';

export type BackendName = 'pglite' | 'postgres';

export interface TestDb extends AsyncDisposable {
  readonly db: Db;
  readonly backend: BackendName;
  /** The schema the handles use; PostgreSQL clients reach it with `search_path`. */
  readonly schema: string;
  /** A second, independent handle on the same schema (another pool on pg; the same instance on PGlite). */
  openAnother(): Db;
  /** Closes the handles and drops the schema, unless `keep` (a failed test's data, to look at). */
  close(options?: { keep?: boolean }): Promise<void>;
}

export interface TestBackend {
  readonly name: BackendName;
  /** A fresh schema; migrated unless `migrated` is false. */
  open(options?: { migrated?: boolean }): Promise<TestDb>;
}

export const TEST_DATABASE_URL =
  process.env.RUNCUE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let schemaCounter = 0;
function schemaName(): string {
  schemaCounter += 1;
  return `t_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
}

function disposable(t: Omit<TestDb, typeof Symbol.asyncDispose>): TestDb {
  let closing: Promise<void> | null = null;
  const close = (options?: { keep?: boolean }) => (closing ??= t.close(options));
  return { ...t, close, [Symbol.asyncDispose]: () => close() };
}

// One PGlite per test file (starting one takes seconds); each test gets its own schema in it.
let pglite: Promise<PGlite> | undefined;

export const pgliteBackend: TestBackend = {
  name: 'pglite',
  async open({ migrated = true } = {}) {
    pglite ??= PGlite.create();
    const instance = await pglite;
    const schema = schemaName();
    await instance.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    const db = fromPglite(instance);
    if (migrated) await migrate(db);
    return disposable({
      db,
      backend: 'pglite',
      schema,
      openAnother: () => db,
      async close({ keep = false } = {}) {
        // A kept schema stays in this process's PGlite for the rest of the test file.
        await instance.exec(`SET search_path TO public${keep ? '' : `; DROP SCHEMA ${schema} CASCADE`}`);
      },
    });
  },
};

export const postgresBackend: TestBackend = {
  name: 'postgres',
  async open({ migrated = true } = {}) {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (cause) {
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${String(cause)}). Start it, or point RUNCUE_TEST_DATABASE_URL at one; the PostgreSQL tests do not skip.`,
        { cause },
      );
    }
    const schema = schemaName();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pools: pg.Pool[] = [];
    const newPool = () => {
      const pool = new pg.Pool({
        connectionString: TEST_DATABASE_URL,
        options: `-c search_path=${schema}`,
        max: 5,
      });
      pools.push(pool);
      return fromPg(pool);
    };
    const db = newPool();
    if (migrated) await migrate(db);
    return disposable({
      db,
      backend: 'postgres',
      schema,
      openAnother: newPool,
      async close({ keep = false } = {}) {
        await Promise.all(pools.map((p) => p.end()));
        if (keep) process.stderr.write(`kept schema ${schema} in ${TEST_DATABASE_URL} for the failed test\n`);
        else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    });
  },
};

export const backends: readonly TestBackend[] = [pgliteBackend, postgresBackend];

/**
 * A fresh schema for every test of the enclosing suite on `backend`: opened before each test,
 * closed after it (after its `afterEach` hooks), and kept when the test failed. Read `db` (and
 * the rest) inside tests and hooks, not while the suite is being collected.
 */
export function useTestDb(backend: TestBackend, options: { migrated?: boolean } = {}): TestDb {
  let current: TestDb | null = null;
  const get = (): TestDb => {
    if (current === null) throw new Error('useTestDb: the test database is only open inside a test');
    return current;
  };
  beforeEach(async (context) => {
    const t = await backend.open(options);
    current = t;
    context.onTestFinished(async ({ task }) => {
      if (current === t) current = null;
      await t.close({ keep: task.result?.state === 'fail' });
    });
  });
  return {
    get db() {
      return get().db;
    },
    backend: backend.name,
    get schema() {
      return get().schema;
    },
    openAnother: () => get().openAnother(),
    close: (o) => get().close(o),
    [Symbol.asyncDispose]: () => get().close(),
  };
}

/** Polls `check` until it returns true, for state with no event to wait on (another process's rows). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
