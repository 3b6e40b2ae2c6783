import path from 'node:path';
import { mountOf, needsPolling, parseMountTable, readProcMounts, type WatchedFolder } from '@runcue/ingest';
import { resolveAthlete, type Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { firstRun } from '../../first-run.ts';

/** The folders `runcue start` watches: every athlete's folder sources, plus `--watch` for `athlete` (or the first). */
export async function foldersToWatch(
  ctx: CliContext,
  db: Db,
  opts: { watch: readonly string[]; athlete?: string },
): Promise<WatchedFolder[]> {
  const { first, sources } = await firstRun(ctx, db, { watching: opts.watch.length > 0 });
  const folders: Array<{ path: string; athleteId: string }> = sources
    .filter((s) => s.kind === 'folder')
    .map((s) => ({ path: s.path, athleteId: s.athleteId }));
  if (opts.watch.length > 0) {
    const owner = opts.athlete === undefined ? first : await resolveAthlete(db, opts.athlete);
    if (owner)
      for (const w of opts.watch)
        folders.push({ path: path.resolve(ctx.config.cwd, w), athleteId: owner.id });
  }
  return withPolling(ctx, folders);
}

/** The watcher's side of the folders: what it watches now, and how to add and drop one. */
interface FolderWatcher {
  folders(): readonly WatchedFolder[];
  add(folder: WatchedFolder): Promise<void>;
  remove(folderPath: string): Promise<void>;
}

/**
 * Brings the watcher in line with the folder sources stored now (`wanted`), leaving alone the
 * folders given with `--watch` (`fromFlags`), and says what changed.
 */
export async function followFolders(
  ctx: CliContext,
  watcher: FolderWatcher,
  fromFlags: ReadonlySet<string>,
  wanted: ReadonlyArray<{ path: string; athleteId: string }>,
): Promise<void> {
  const current = watcher.folders();
  for (const f of current)
    if (!fromFlags.has(f.path) && !wanted.some((w) => path.resolve(w.path) === f.path)) {
      await watcher.remove(f.path);
      ctx.stdout(`stopped watching ${f.path}\n`);
    }
  for (const f of wanted)
    if (!current.some((c) => c.path === path.resolve(f.path))) {
      const [polled] = await withPolling(ctx, [f]);
      if (polled) await watcher.add(polled);
      ctx.stdout(`watching ${f.path}${polled?.poll ? ' (polling)' : ''}\n`);
    }
}

/** inotify sees nothing on FUSE (MTP, sshfs) and network mounts: those folders are polled. */
async function withPolling(
  ctx: CliContext,
  folders: ReadonlyArray<{ path: string; athleteId: string }>,
): Promise<WatchedFolder[]> {
  const mounts = parseMountTable((await readProcMounts(ctx.config.mountTable)) ?? '');
  return folders.map((f) => ({ ...f, poll: needsPolling(mountOf(f.path, mounts)?.fsType ?? null) }));
}
