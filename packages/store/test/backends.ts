/**
 * The one disposable store every suite runs on, for both backends: PGlite in memory and the real
 * PostgreSQL at `RUNCUE_TEST_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test). Each
 * `open()` gives a fresh, migrated schema of its own that `close()` drops; `useTestDb` opens one
 * per test and keeps the schema of a test that failed (its name is printed) so it can be looked at.
 * An unreachable PostgreSQL fails the tests with a message saying so: it is never skipped.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fromPg, fromPglite, migrate, type Db } from '../src/index.ts';

export type BackendName = 'pglite' | 'postgres';

export interface TestDb extends AsyncDisposable {
  readonly db: Db;
  readonly backend: BackendName;
  /** The schema the handles use; PostgreSQL clients reach it with `search_path`. */
  readonly schema: string;
  /**
   * A connection string that lands in the schema, for another process (a spawned `runcue`, a
   * child notifier) or a plain `pg.Client`; null on PGlite, which lives in this process only.
   */
  readonly url: string | null;
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
      url: null,
      openAnother: () => db,
      async close({ keep = false } = {}) {
        // A kept schema stays in this process's PGlite for the rest of the test file.
        if (keep)
          process.stderr.write(`kept schema ${schema} in this file's PGlite for the failed test(s)\n`);
        await instance.exec(`SET search_path TO public${keep ? '' : `; DROP SCHEMA ${schema} CASCADE`}`);
      },
    });
  },
};

/** A connection string for `base` whose sessions use `schema` (libpq's `options`). */
export function urlInSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** The PostgreSQL backend on the server at `url` (scripts take theirs from the command line). */
export function postgresAt(url: string): TestBackend {
  return {
    name: 'postgres',
    open: (options) => openPostgres(url, options),
  };
}

async function openPostgres(serverUrl: string, { migrated = true } = {}): Promise<TestDb> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (cause) {
    throw new Error(
      `PostgreSQL is not reachable at ${serverUrl} (${String(cause)}). Start it, or point RUNCUE_TEST_DATABASE_URL at one; the PostgreSQL tests do not skip.`,
      { cause },
    );
  }
  const schema = schemaName();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pools: pg.Pool[] = [];
  const newPool = () => {
    const pool = new pg.Pool({
      connectionString: serverUrl,
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
    url: urlInSchema(serverUrl, schema),
    openAnother: newPool,
    async close({ keep = false } = {}) {
      await Promise.all(pools.map((p) => p.end()));
      if (keep) process.stderr.write(`kept schema ${schema} in ${serverUrl} for the failed test(s)\n`);
      else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  });
}

export const postgresBackend: TestBackend = postgresAt(TEST_DATABASE_URL);

export const backends: readonly TestBackend[] = [pgliteBackend, postgresBackend];

/**
 * A fresh schema for every test of the enclosing suite on `backend`: opened before each test,
 * closed after it (after its `afterEach` hooks), and kept when the test failed. Read `db` (and
 * the rest) inside tests and hooks, not while the suite is being collected.
 */
export function useTestDb(backend: TestBackend, options: { migrated?: boolean } = {}): TestDb {
  const slot = openSlot(backend.name, 'test');
  beforeEach(async (context) => {
    const t = await backend.open(options);
    slot.current = t;
    context.onTestFinished(async ({ task }) => {
      if (slot.current === t) slot.current = null;
      await t.close({ keep: task.result?.state === 'fail' });
    });
  });
  return slot.handle;
}

/**
 * One schema shared by the tests of the enclosing suite (or file), for tests that build on each
 * other, such as a runner's successive `runcue` commands: opened before the first test, dropped
 * after the last, and kept when any of them failed.
 */
export function useSuiteDb(backend: TestBackend, options: { migrated?: boolean } = {}): TestDb {
  const slot = openSlot(backend.name, 'suite');
  let failed = false;
  beforeAll(async () => {
    failed = false;
    slot.current = await backend.open(options);
  });
  beforeEach(({ onTestFailed }) => onTestFailed(() => void (failed = true)));
  afterAll(async () => {
    const t = slot.current;
    slot.current = null;
    await t?.close({ keep: failed });
  });
  return slot.handle;
}

function openSlot(name: BackendName, scope: string): { current: TestDb | null; handle: TestDb } {
  const slot: { current: TestDb | null; handle: TestDb } = { current: null, handle: null as never };
  const get = (): TestDb => {
    if (slot.current === null) throw new Error(`the ${scope} database is only open inside a ${scope}`);
    return slot.current;
  };
  slot.handle = {
    get db() {
      return get().db;
    },
    backend: name,
    get schema() {
      return get().schema;
    },
    get url() {
      return get().url;
    },
    openAnother: () => get().openAnother(),
    close: (o) => get().close(o),
    [Symbol.asyncDispose]: () => get().close(),
  };
  return slot;
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
