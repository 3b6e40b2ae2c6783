/**
 * The backends every store contract test runs on: PGlite in memory and the real PostgreSQL at
 * `RUNCUE_TEST_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test). Each `open()` gives
 * a fresh, migrated schema of its own that `close()` drops. An unreachable PostgreSQL fails the
 * tests with a message saying so: it is never skipped.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPg, fromPglite, migrate, type Db } from '../src/index.ts';

export interface TestDb {
  db: Db;
  /** A second, independent handle on the same schema (another pool on pg; the same instance on PGlite). */
  openAnother(): Db;
  close(): Promise<void>;
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh schema; migrated unless `migrated` is false. */
  open(options?: { migrated?: boolean }): Promise<TestDb>;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

let schemaCounter = 0;
function schemaName(): string {
  schemaCounter += 1;
  return `t_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
}

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
    return {
      db,
      openAnother: () => db,
      async close() {
        await instance.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
      },
    };
  },
};

export const postgresBackend: TestBackend = {
  name: 'postgres',
  async open({ migrated = true } = {}) {
    const url = process.env.RUNCUE_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (cause) {
      throw new Error(
        `PostgreSQL is not reachable at ${url} (${String(cause)}). Start it, or point RUNCUE_TEST_DATABASE_URL at one; the PostgreSQL contract tests do not skip.`,
        { cause },
      );
    }
    const schema = schemaName();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pools: pg.Pool[] = [];
    const newPool = () => {
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 5 });
      pools.push(pool);
      return fromPg(pool);
    };
    const db = newPool();
    if (migrated) await migrate(db);
    return {
      db,
      openAnother: newPool,
      async close() {
        await Promise.all(pools.map((p) => p.end()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

export const backends: readonly TestBackend[] = [pgliteBackend, postgresBackend];
