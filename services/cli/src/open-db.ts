import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPg, fromPglite, migrate } from '@runcue/store';
import type { Db } from '@runcue/store';
import { CliError } from './cli-error.ts';
import type { Config } from './config.ts';

export interface OpenDb {
  readonly db: Db;
  /** Where the data lives, for messages: the PGlite folder or the server's host/database. */
  readonly where: string;
  readonly close: () => Promise<void>;
}

/**
 * Opens the database the configuration names and brings its schema up to date: PostgreSQL
 * through a `pg` pool when RUNCUE_DATABASE_URL is set, else the embedded PGlite in `<home>/db`
 * (created on first use). The embedded database can be open in one process only; a lock file
 * with the owner's pid says which, and a lock left by a killed process is taken over.
 */
export async function openDb(config: Config): Promise<OpenDb> {
  if (config.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });
    const db = fromPg(pool);
    try {
      await migrate(db);
    } catch (err) {
      await pool.end();
      throw new CliError('DB_UNAVAILABLE', `cannot use the database at RUNCUE_DATABASE_URL (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    const url = new URL(config.databaseUrl);
    return { db, where: `postgresql://${url.host}${url.pathname}`, close: () => pool.end() };
  }
  const dir = path.join(config.home, 'db');
  await mkdir(dir, { recursive: true });
  const lock = path.join(config.home, 'db.lock');
  await takeLock(lock);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir);
    await migrate(fromPglite(pglite));
  } catch (err) {
    await rm(lock, { force: true });
    throw new CliError('DB_UNAVAILABLE', `cannot open the embedded database in ${dir} (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return {
    db: fromPglite(pglite),
    where: dir,
    close: async () => {
      await pglite.close();
      await rm(lock, { force: true });
    },
  };
}

async function takeLock(lock: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new CliError(
          'DB_IN_USE',
          `another runcue process (pid ${pid}) has the embedded database open; stop it, run this through it, or set RUNCUE_DATABASE_URL`,
        );
      }
      await rm(lock, { force: true }); // left behind by a process that was killed
    }
  }
  throw new CliError('DB_IN_USE', `cannot take the lock ${lock}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
