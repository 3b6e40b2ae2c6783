/**
 * The two real backends the ingest tests run on: PGlite in memory and the PostgreSQL at
 * RUNCUE_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), each test with a
 * fresh migrated schema that is dropped afterwards. PostgreSQL being down fails, never skips.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPg, fromPglite, migrate } from '@runcue/store';
import type { Db } from '@runcue/store';

export interface TestDb extends AsyncDisposable {
  readonly db: Db;
  close(): Promise<void>;
}

export type BackendName = 'pglite' | 'postgres';
export const backendNames: readonly BackendName[] = ['pglite', 'postgres'];

let counter = 0;
let shared: Promise<PGlite> | undefined;
const schemaName = () => `ingest_${process.pid}_${Date.now().toString(36)}_${++counter}`;

export async function openTestDb(backend: BackendName): Promise<TestDb> {
  const schema = schemaName();
  if (backend === 'pglite') {
    // One PGlite per test file (starting one takes seconds); each test gets its own schema.
    shared ??= PGlite.create();
    const instance = await shared;
    await instance.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    const db = fromPglite(instance);
    await migrate(db);
    const close = () =>
      instance.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`).then(() => undefined);
    return { db, close, [Symbol.asyncDispose]: close };
  }
  const url = process.env.RUNCUE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await admin.connect().catch((cause: unknown) => {
    throw new Error(`PostgreSQL is not reachable at ${url}; start it or set RUNCUE_TEST_DATABASE_URL`, {
      cause,
    });
  });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 5 });
  const db = fromPg(pool);
  await migrate(db);
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    })();
    return closed;
  };
  return { db, close, [Symbol.asyncDispose]: close };
}

/** Polls `check` until it returns true (watchers and servers are asynchronous by nature). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
