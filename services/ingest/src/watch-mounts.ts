import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where a connected Garmin watch shows up, however the desktop mounts it. Watches made since
 * about 2018 (Forerunner 245 and later, fēnix 6 and later, Venu) speak MTP, not USB mass storage:
 * GNOME and other gvfs desktops mount them under `/run/user/<uid>/gvfs/mtp:host=<vendor>_<product>_<serial>/`,
 * with one folder per storage ("Primary", "Internal Storage") holding `GARMIN`; jmtpfs, go-mtpfs
 * and simple-mtpfs mount them where the user says, listed in the mount table as `fuse.<name>`.
 * Older watches are USB drives labelled GARMIN: `/media/<user>/GARMIN` (Debian, Ubuntu),
 * `/run/media/<user>/GARMIN` (Fedora, Arch), `/Volumes/GARMIN` (macOS).
 */

/** A folder to look in, with `*` standing for one folder level, and how deep `GARMIN` may sit below it. */
export interface SearchRoot {
  readonly pattern: string;
  /** 0: `GARMIN` is directly inside; 2: e.g. `<gvfs>/mtp:host=…/Primary/GARMIN`. */
  readonly depth: number;
}

export interface WatchSearch {
  readonly roots: readonly SearchRoot[];
  /** The mount table (`/proc/self/mounts` on Linux), or null where there is none (macOS). */
  readonly readMountTable: () => Promise<string | null>;
}

export const DEFAULT_SEARCH_ROOTS: readonly SearchRoot[] = Object.freeze([
  { pattern: '/run/user/*/gvfs', depth: 2 },
  { pattern: '/media', depth: 2 },
  { pattern: '/run/media', depth: 2 },
  { pattern: '/Volumes', depth: 1 },
]);

/** The real mount table, or null where the system has none. */
export async function readProcMounts(file = '/proc/self/mounts'): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** A connected watch's storage, as found. */
export interface WatchMount {
  /** The `GARMIN` folder. */
  readonly garminDir: string;
  /** `GARMIN/Activity`, where the watch writes each run, or null when it has none (yet). */
  readonly activityDir: string | null;
  /** `GARMIN/NewFiles`, where the watch picks up workouts (it may not exist yet). */
  readonly newFilesDir: string;
  /** The mount's file system type (`fuse.gvfsd-fuse`, `vfat`, …), when the mount table says. */
  readonly fsType: string | null;
  /** True where inotify sees no change (MTP and other FUSE mounts, network shares): read by polling. */
  readonly poll: boolean;
}

export interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
}

/** Parses `/proc/self/mounts` lines (`device mountpoint fstype options 0 0`, spaces as `\040`). */
export function parseMountTable(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [, mountPoint, fsType] = fields;
    if (mountPoint === undefined || fsType === undefined) continue;
    entries.push({ mountPoint: unescapeMount(mountPoint), fsType });
  }
  return entries;
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
}

/** MTP file systems: gvfs's FUSE bridge and the MTP FUSE drivers. */
function isMtpFs(fsType: string): boolean {
  return (
    /^fuse\.(gvfsd-fuse|jmtpfs|go-mtpfs|simple-mtpfs|mtpfs|android-file-transfer|aft-mtp-mount)$/.test(
      fsType,
    ) || /mtp/i.test(fsType)
  );
}

/**
 * File systems on which inotify reports nothing (or not reliably): FUSE (MTP bridges, sshfs) and
 * network shares. chokidar is told to poll these (its `usePolling`).
 */
export function needsPolling(fsType: string | null): boolean {
  if (fsType === null) return false;
  return /^(fuse(\.|$)|fuseblk$|nfs|cifs|smb|9p$|afs$|ceph$|glusterfs|davfs|webdav|sshfs|afpfs)/.test(fsType);
}

/** The mount a path lives on: the entry with the longest mount point that contains it. */
export function mountOf(file: string, entries: readonly MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const e of entries) {
    const inside =
      file === e.mountPoint ||
      file.startsWith(e.mountPoint.endsWith('/') ? e.mountPoint : `${e.mountPoint}/`);
    if (inside && (best === null || e.mountPoint.length > best.mountPoint.length)) best = e;
  }
  return best;
}

/**
 * Finds every connected watch: each search root (its `*` expanded) and every MTP mount in the
 * mount table is looked into, down to the root's depth, for a `GARMIN` folder (any case). Hidden
 * folders are skipped and at most 100 entries of one folder are looked at, so a large disk under
 * `/media` costs little. A folder that cannot be read (a watch unplugged mid-scan) is passed over.
 */
export async function findWatchMounts(search: WatchSearch): Promise<WatchMount[]> {
  const table = await search.readMountTable().catch(() => null);
  const entries = table === null ? [] : parseMountTable(table);
  const roots: Array<{ dir: string; depth: number }> = [];
  for (const root of search.roots) {
    for (const dir of await expand(root.pattern)) roots.push({ dir, depth: root.depth });
  }
  for (const e of entries) if (isMtpFs(e.fsType)) roots.push({ dir: e.mountPoint, depth: 2 });
  const found = new Map<string, WatchMount>();
  for (const { dir, depth } of roots) {
    for (const garminDir of await findGarminDirs(dir, depth)) {
      if (found.has(garminDir)) continue;
      const fsType = mountOf(garminDir, entries)?.fsType ?? null;
      const activity = await childDir(garminDir, /^activity$/i);
      const newFiles = await childDir(garminDir, /^newfiles$/i);
      found.set(garminDir, {
        garminDir,
        activityDir: activity,
        newFilesDir: newFiles ?? path.join(garminDir, 'NewFiles'),
        fsType,
        poll: needsPolling(fsType) || (fsType === null && garminDir.includes(`${path.sep}gvfs${path.sep}`)),
      });
    }
  }
  return [...found.values()];
}

const MAX_ENTRIES = 100;

async function findGarminDirs(dir: string, depth: number): Promise<string[]> {
  const here = await childDir(dir, /^garmin$/i);
  // A USB volume labelled GARMIN holds the GARMIN folder: the inner one is the watch's.
  if (here !== null) return [(await childDir(here, /^garmin$/i)) ?? here];
  if (depth <= 0) return [];
  const out: string[] = [];
  for (const sub of await subdirs(dir)) out.push(...(await findGarminDirs(sub, depth - 1)));
  return out;
}

async function subdirs(dir: string): Promise<string[]> {
  const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return items
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .slice(0, MAX_ENTRIES)
    .map((d) => path.join(dir, d.name));
}

/** The sub-folder of `dir` whose name matches, or null. */
async function childDir(dir: string, name: RegExp): Promise<string | null> {
  const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const hit = items.find((d) => name.test(d.name) && (d.isDirectory() || d.isSymbolicLink()));
  if (!hit) return null;
  const full = path.join(dir, hit.name);
  return (await stat(full).then(
    (s) => s.isDirectory(),
    () => false,
  ))
    ? full
    : null;
}

/** Expands `*` path segments (one folder level each) into the folders that exist. */
async function expand(pattern: string): Promise<string[]> {
  const parts = path
    .resolve(pattern)
    .split(path.sep)
    .filter((p) => p !== '');
  let found: string[] = [path.sep];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of found) {
      if (part !== '*') next.push(path.join(base, part));
      else next.push(...(await subdirs(base)));
    }
    found = next;
  }
  const exists = await Promise.all(
    found.map((p) =>
      stat(p).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  );
  return found.filter((_, i) => exists[i]);
}
