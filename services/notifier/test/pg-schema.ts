/**
 * A fresh, migrated schema on the real PostgreSQL (`RUNCUE_TEST_DATABASE_URL`, default
 * postgres://postgres@127.0.0.1:5432/test) for one test; `close()` drops it. Unreachable fails.
 */
import pg from 'pg';
import { fromPg, migrate, type Db } from '@runcue/store';

export const TEST_DATABASE_URL =
  process.env.RUNCUE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgSchema {
  db: Db;
  schema: string;
  /** A plain client on the schema, for holding row locks and looking at pg_stat_activity. */
  client: pg.Client;
  close(): Promise<void>;
}

let counter = 0;

export async function openPgSchema(): Promise<PgSchema> {
  counter += 1;
  const schema = `notify_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL}; these tests need it and do not skip.`,
      { cause },
    );
  }
  await client.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({
    connectionString: TEST_DATABASE_URL,
    options: `-c search_path=${schema}`,
    max: 4,
  });
  const db = fromPg(pool);
  await migrate(db);
  return {
    db,
    schema,
    client,
    async close() {
      await pool.end();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
