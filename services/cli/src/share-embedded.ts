import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { fromPglite } from '@runcue/store';
import type { Db } from '@runcue/store';
import { createDbGate, gateDb } from './db-gate.ts';
import { announceSocket } from './db-lock.ts';
import { serveWireProtocol } from './wire-server.ts';

/** The file name `pg` (and psql) look for in a socket folder for port 5432. */
const SOCKET_FILE = '.s.PGSQL.5432';

/** Unix socket paths are limited to about 107 bytes; past this we use a folder under the temp dir. */
const MAX_SOCKET_PATH = 100;

export interface SharedEmbedded {
  /** This process's own handle, taking turns with the other processes. */
  readonly db: Db;
  /** Stops serving and removes the socket; the caller closes PGlite afterwards. */
  close(): Promise<void>;
}

/**
 * Serves an open PGlite to other runcue processes on a Unix socket in `<home>/socket` (mode 0700)
 * and records the folder in the lock file, where `openDb` in another process finds it. This
 * process's statements and the other processes' take turns through one gate.
 */
export async function shareEmbedded(pglite: PGlite, home: string, lock: string): Promise<SharedEmbedded> {
  const { dir, temporary } = await socketFolder(home);
  const socketPath = path.join(dir, SOCKET_FILE);
  await rm(socketPath, { force: true }); // left by a process that was killed; the lock is ours now
  const gate = createDbGate();
  const server = await serveWireProtocol(pglite, gate, socketPath);
  try {
    await announceSocket(lock, dir);
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    db: gateDb(fromPglite(pglite), gate),
    async close() {
      await server.close();
      await rm(temporary ? dir : socketPath, { recursive: true, force: true });
    },
  };
}

async function socketFolder(home: string): Promise<{ dir: string; temporary: boolean }> {
  const dir = path.join(home, 'socket');
  if (Buffer.byteLength(path.join(dir, SOCKET_FILE)) <= MAX_SOCKET_PATH) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    return { dir, temporary: false };
  }
  return { dir: await mkdtemp(path.join(tmpdir(), 'runcue-')), temporary: true };
}
