import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface FreshDatabase {
  /** Connects to the new database. */
  readonly url: string;
  /** Drops it, ending any session still open on it; safe to call when it is already gone. */
  drop(): Promise<void>;
}

/**
 * A new, empty PostgreSQL database named `name` on the server `adminUrl` points at (one left by an
 * earlier run under that name is dropped first), for one benchmark run to own.
 */
export async function freshDatabase(adminUrl: string, name: string): Promise<FreshDatabase> {
  await asAdmin(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/**
 * The rows of one query on the database a `runcue` process used and has left: PostgreSQL at `url`,
 * or with no URL the embedded database under its `home`.
 */
export async function queryStored<T>(url: string | undefined, home: string, sql: string): Promise<T[]> {
  if (url === undefined) {
    const db = await PGlite.create(path.join(home, 'db'));
    try {
      return (await db.query<T>(sql)).rows;
    } finally {
      await db.close();
    }
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T & pg.QueryResultRow>(sql)).rows;
  } finally {
    await c.end();
  }
}

async function asAdmin(adminUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
