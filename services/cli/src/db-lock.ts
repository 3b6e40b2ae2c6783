import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/** What the lock file of the embedded database says about its holder. */
export interface LockHolder {
  readonly pid: number;
  /** Folder of the holder's PostgreSQL socket (`.s.PGSQL.5432`), or null when it does not share. */
  readonly socketDir: string | null;
}

/**
 * Takes the lock file of the embedded database for this process, taking over a lock whose holder
 * is no longer alive (killed without cleaning up). Returns null when the lock is now ours, else
 * the live holder.
 */
export async function takeLock(lock: string): Promise<LockHolder | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lock, JSON.stringify({ pid: process.pid, socketDir: null }), {
        flag: 'wx',
        mode: 0o600,
      });
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await readLock(lock);
      if (holder !== null && holder.pid !== process.pid && isAlive(holder.pid)) return holder;
      if (holder === null && attempt === 0) {
        // Written but not yet filled in by a process starting right now: look once more.
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      await rm(lock, { force: true }); // left behind by a process that was killed
    }
  }
  throw new Error(`cannot take the lock ${lock}`);
}

/** Records in our lock file where we share the database, replacing it atomically. */
export async function announceSocket(lock: string, socketDir: string): Promise<void> {
  const next = `${lock}.${process.pid}`;
  await writeFile(next, JSON.stringify({ pid: process.pid, socketDir }), { mode: 0o600 });
  await rename(next, lock);
}

/** Reads a lock file: JSON `{ pid, socketDir }`, or a bare pid as older versions wrote it. */
export async function readLock(lock: string): Promise<LockHolder | null> {
  const text = (await readFile(lock, 'utf8').catch(() => '')).trim();
  if (/^\d+$/.test(text)) return { pid: Number(text), socketDir: null };
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; socketDir?: unknown };
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return { pid: parsed.pid, socketDir: typeof parsed.socketDir === 'string' ? parsed.socketDir : null };
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
