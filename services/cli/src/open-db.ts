import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { maskSecrets } from '@runcue/errors';
import { fromPg, fromPglite, migrate } from '@runcue/store';
import type { Db } from '@runcue/store';
import { CliError } from './cli-error.ts';
import type { Config } from './config.ts';
import { isAlive, readLock, takeLock } from './db-lock.ts';
import type { LockHolder } from './db-lock.ts';
import { ensurePrivateHome, tightenTree } from './private-home.ts';
import { shareEmbedded } from './share-embedded.ts';
import { pgPresence } from './pg-presence.ts';

export interface OpenDb {
  readonly db: Db;
  /** Where the data lives, for messages: the PGlite folder or the server's host/database. */
  readonly where: string;
  readonly close: () => Promise<void>;
  /**
   * The `runcue start` this process reaches the database through, or null. While it runs it is
   * the one that sends mail, as its own configuration says: a command only queues messages.
   */
  readonly server?: { readonly pid: number } | null;
}

export interface OpenDbOptions {
  /**
   * Serve the embedded database to other runcue processes for as long as it is open (what
   * `runcue start` does). Without it, a command that finds the database held keeps it no longer
   * than it runs.
   */
  readonly share?: boolean;
}

/** How long a command waits for a holder that does not share to finish (or to start sharing). */
const WAIT_FOR_HOLDER_MS = 5000;

/**
 * Opens the database the configuration names and brings its schema up to date: PostgreSQL
 * through a `pg` pool when RUNCUE_DATABASE_URL is set, else the embedded PGlite in `<home>/db`
 * (created on first use). The embedded database is open in one process at a time; a lock file
 * says which, and a lock left by a killed process is taken over. When the holder shares it
 * (`runcue start`), other processes connect through the holder's socket instead of failing.
 */
export async function openDb(config: Config, options: OpenDbOptions = {}): Promise<OpenDb> {
  if (config.databaseUrl !== null) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5 });
    const db = fromPg(pool);
    try {
      await migrate(db);
    } catch (err) {
      await pool.end();
      throw new CliError(
        'DB_UNAVAILABLE',
        `cannot use the database at RUNCUE_DATABASE_URL (${maskSecrets(err instanceof Error ? err.message : String(err))})`,
        { cause: err },
      );
    }
    const url = new URL(config.databaseUrl);
    const presence = await pgPresence(pool, options.share === true);
    return {
      db,
      where: `postgresql://${url.host}${url.pathname}`,
      close: async () => {
        await presence.release();
        await pool.end();
      },
      server: presence.server,
    };
  }
  const dir = path.join(config.home, 'db');
  await ensurePrivateHome(config.home);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = path.join(config.home, 'db.lock');
  const deadline = Date.now() + WAIT_FOR_HOLDER_MS;
  for (;;) {
    const holder = await takeLock(lock);
    if (holder === null) return openOwned(config.home, dir, lock, options.share === true);
    if (options.share === true) {
      throw new CliError(
        'DB_IN_USE',
        `another runcue process (pid ${holder.pid}) has the embedded database open; stop it first, or set RUNCUE_DATABASE_URL`,
      );
    }
    if (holder.socketDir !== null) {
      const shared = await connectShared(holder, dir);
      if (shared !== null) return shared;
    } else if (Date.now() >= deadline) {
      throw new CliError(
        'DB_IN_USE',
        `another runcue command (pid ${holder.pid}) has the embedded database open; run this again when it has finished, or set RUNCUE_DATABASE_URL`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, which is
 * never given back: importing 100 runs peaked at 452 MB with it and at 307 MB with 16 MB, for the
 * same CPU time (`scripts/bench-import.ts`). Files are read through the system's cache all the same.
 */
const EMBEDDED_CONF = ['shared_buffers=16MB'];

/**
 * V8 compiles PGlite's WebAssembly with its baseline compiler (Liftoff), then recompiles the hot
 * functions with its optimising one in background threads. For a command, which keeps the
 * database open for seconds or minutes, that second compilation never paid for itself: with
 * Liftoff only, `runcue athlete list` took 0.6 s of CPU instead of 1.2 s and peaked at 153 MB
 * instead of 232 MB, and importing 400 runs took 7 % less CPU and 13 % less peak memory
 * (`scripts/bench-import.ts`). `runcue start` too: the recompilation's memory stays with the
 * process, and 200 concurrent uploads (`scripts/load.ts`) took 10 % less CPU with Liftoff only,
 * the database's share of it unchanged, and left the server 45 MB smaller idle after start
 * (250 MB against 293 MB) and 60 MB smaller after the load (310 MB against 370 MB).
 * Process-wide, and only for WebAssembly compiled after it is set: the JavaScript is unaffected.
 */
function compileWasmOnce(): void {
  v8.setFlagsFromString('--liftoff-only');
}

async function openOwned(home: string, dir: string, lock: string, share: boolean): Promise<OpenDb> {
  let pglite: PGlite;
  try {
    compileWasmOnce();
    // Loaded here, not at the top: a command that goes through runcue start's socket never needs it.
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create(dir, { postgresqlconf: EMBEDDED_CONF });
    await tightenTree(dir);
    await migrate(fromPglite(pglite));
  } catch (err) {
    await releaseLock(lock);
    throw new CliError(
      'DB_UNAVAILABLE',
      `cannot open the embedded database in ${dir} (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
  if (!share) {
    return {
      db: fromPglite(pglite),
      where: dir,
      close: async () => {
        await pglite.close();
        await tightenTree(dir);
        await releaseLock(lock);
      },
    };
  }
  try {
    const shared = await shareEmbedded(pglite, home, lock);
    return {
      db: shared.db,
      where: dir,
      close: async () => {
        await shared.close();
        await pglite.close();
        await tightenTree(dir);
        await releaseLock(lock);
      },
    };
  } catch (err) {
    await pglite.close();
    await releaseLock(lock);
    throw new CliError(
      'DB_UNAVAILABLE',
      `cannot share the embedded database with other runcue commands (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
}

/**
 * Connects through the holder's socket with one connection (PGlite runs one statement at a time
 * anyway). Returns null when the holder died meanwhile, so that the caller takes the lock over.
 */
async function connectShared(holder: LockHolder, dir: string): Promise<OpenDb | null> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    host: holder.socketDir ?? undefined,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
  });
  pool.on('error', () => undefined); // an idle connection dropped by a stopping server; the next query reports it
  // Every process that connects shares the holder's one session: a statement one of them prepared
  // would already exist for the next, so nothing is prepared here.
  const db = fromPg(pool, { prepare: false });
  try {
    await migrate(db);
  } catch (err) {
    await pool.end();
    if (!isAlive(holder.pid)) return null;
    throw new CliError(
      'DB_UNAVAILABLE',
      `runcue start (pid ${holder.pid}) holds the embedded database but its socket in ${holder.socketDir ?? '?'} does not answer (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
  return {
    db,
    where: `${dir} (through runcue start, pid ${holder.pid})`,
    close: () => pool.end(),
    server: { pid: holder.pid },
  };
}

/** Removes our lock file, and only ours: a process that took over a lock it thought stale keeps it. */
async function releaseLock(lock: string): Promise<void> {
  const holder = await readLock(lock);
  if (holder?.pid === process.pid) await rm(lock, { force: true });
}
