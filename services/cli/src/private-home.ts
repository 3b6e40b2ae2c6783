import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The umask every runcue process runs with: what it creates (saved emails, the socket folder, lock
 * files, the inbox) is for its own user only, 0700 folders and 0600 files. The home holds GPS
 * tracks, pain notes, raw files and token hashes.
 */
export const PRIVATE_UMASK = 0o077;

/** The parts of the home runcue writes, whose modes it checks and tightens, folders walked recursively. */
const OWN_ENTRIES = ['db', 'outbox', 'socket', 'db.lock', 'link-secret'] as const;

/** The folder runcue creates for the runner to drop files into: only its own mode is runcue's. */
const INBOX = 'inbox';

/** One entry that someone other than its owner can read, write or enter, with its mode (e.g. 0o755). */
export interface LooseEntry {
  readonly path: string;
  readonly mode: number;
}

/**
 * Creates runcue's home (0700) if it is missing, and tightens a home made by an older runcue: when
 * the home or its database folder is open to others, every folder and file runcue owns in it
 * loses its group and other bits. Returns how many entries were tightened.
 */
export async function ensurePrivateHome(home: string): Promise<number> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  const homeMode = (await lstat(home)).mode;
  const db = await lstat(path.join(home, 'db')).catch(() => null);
  if ((homeMode & 0o077) === 0 && (db === null || (db.mode & 0o077) === 0)) return 0;
  return tighten(await findLooseEntries(home, Number.POSITIVE_INFINITY));
}

/**
 * Takes the group and other bits off every folder and file under `dir` (itself included). PGlite
 * writes the files of a new database, and a few more at every start, with explicit modes such as
 * 0666 that no umask narrows, so the embedded database folder is tightened after it opens.
 */
export async function tightenTree(dir: string): Promise<number> {
  const loose: LooseEntry[] = [];
  await collectLoose(dir, loose, Number.POSITIVE_INFINITY);
  return tighten(loose);
}

/**
 * The entries of the home (the home itself and what runcue writes in it, walked recursively; of the
 * inbox only the folder, since the runner's own files land in it as they were made) that
 * anyone but their owner can read, write or enter, at most `limit` of them. Symbolic links are
 * neither followed nor reported: their own mode means nothing.
 */
export async function findLooseEntries(home: string, limit = 1000): Promise<LooseEntry[]> {
  const found: LooseEntry[] = [];
  const st = await lstat(home).catch(() => null);
  if (st === null) return found;
  if ((st.mode & 0o077) !== 0) found.push({ path: home, mode: st.mode & 0o7777 });
  for (const name of OWN_ENTRIES) await collectLoose(path.join(home, name), found, limit);
  const inbox = await lstat(path.join(home, INBOX)).catch(() => null);
  if (inbox?.isDirectory() === true && (inbox.mode & 0o077) !== 0)
    found.push({ path: path.join(home, INBOX), mode: inbox.mode & 0o7777 });
  return found.slice(0, limit);
}

async function collectLoose(p: string, found: LooseEntry[], limit: number): Promise<void> {
  if (found.length >= limit) return;
  const st = await lstat(p).catch(() => null);
  if (st === null || st.isSymbolicLink()) return;
  if ((st.mode & 0o077) !== 0) found.push({ path: p, mode: st.mode & 0o7777 });
  if (!st.isDirectory()) return;
  for (const name of await readdir(p).catch(() => [] as string[]))
    await collectLoose(path.join(p, name), found, limit);
}

async function tighten(entries: readonly LooseEntry[]): Promise<number> {
  // A file removed meanwhile (PGlite rotates a few) needs nothing.
  for (const e of entries) await chmod(e.path, e.mode & 0o700).catch(() => undefined);
  return entries.length;
}

/** A path quoted for a POSIX shell, so that a hint can be pasted as it is. */
export function shellQuote(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
