import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { fileKind, importFile, isIgnoredPath, printable } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestItem, Logger } from '@runcue/operations';
import type { Db } from '@runcue/store';
import { createFileSettler } from './file-settler.ts';

export interface WatchedFolder {
  readonly path: string;
  readonly athleteId: string;
  /**
   * Poll the folder instead of asking the kernel for changes: inotify sees nothing on MTP and
   * other FUSE mounts or on network shares (see `needsPolling`).
   */
  readonly poll?: boolean;
}

export interface FolderWatcherOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly folders: readonly WatchedFolder[];
  readonly limits: ArchiveLimits;
  readonly logger: Logger;
  readonly now: () => Date;
  /**
   * How long a file's size must stay unchanged before it is read (a sync still writing it, a
   * watch writing over USB), ms (default 1500). A finished FIT file is read at once.
   */
  readonly stableMs?: number;
  /** How often a folder that is missing (a watch not plugged in) is looked for again. */
  readonly missingPollMs?: number;
  /** How often a polled folder (`poll: true`) is listed; MTP is slow, so not too often (default 2 s). */
  readonly pollIntervalMs?: number;
  /**
   * Called each time the watcher has seen a new version of a file (new, or its size or
   * modification time changed since it last looked), before it decides whether to read it now or
   * wait for it to stop changing. A test writing a file slowly waits on it instead of on a clock.
   */
  readonly onSeen?: (change: { readonly path: string; readonly sizeBytes: number }) => void;
  /** Called for every file's outcome, after it was stored. */
  readonly onResult?: (result: IngestItem & { readonly path: string; readonly athleteId: string }) => void;
}

export interface FolderWatcher {
  /** Resolves once the folders were scanned and every file present at start-up was queued. */
  readonly ready: Promise<void>;
  /** Resolves when nothing is queued or being read. */
  idle(): Promise<void>;
  /** Stops watching and waits for the file being read; safe to call more than once. */
  stop(): Promise<void>;
  /** The folders watched now. */
  folders(): readonly WatchedFolder[];
  /**
   * Watch another folder too (a source added while runcue runs); its files present now are read
   * like those at start-up. Resolves once it was scanned. Ignored when the path is watched already.
   */
  add(folder: WatchedFolder): Promise<void>;
  /** Stop watching a folder (a source removed); files of it still queued are dropped. */
  remove(folderPath: string): Promise<void>;
}

/**
 * Watches each folder recursively and ingests every `.fit`, `.fit.gz` and `.zip` that appears in
 * it, including those already there at start-up: a finished FIT file (its header's size and its
 * CRC check) at once, anything else once it has stopped changing (`file-settler.ts`). Files are
 * read one at a time and never modified, moved or deleted. A file already recorded from the same
 * path with the same size is skipped without reading it. Every failure goes to the logger;
 * nothing a file contains can stop the watcher.
 */
export function createFolderWatcher(opts: FolderWatcherOptions): FolderWatcher {
  let roots = opts.folders.map((f) => ({ ...f, path: path.resolve(f.path) }));
  const queue: Array<{ file: string; size: number; athleteId: string; event: 'add' | 'change' }> = [];
  let running: Promise<void> | null = null;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let waiters: Array<() => void> = [];

  const ownerOf = (file: string) => {
    let best: (typeof roots)[number] | undefined;
    for (const r of roots) {
      if (
        (file === r.path || file.startsWith(r.path + path.sep)) &&
        (!best || r.path.length > best.path.length)
      )
        best = r;
    }
    return best;
  };

  const ignored = (file: string, stats?: { isFile(): boolean }) => {
    const root = ownerOf(path.resolve(file));
    if (!root) return false;
    const rel = path.relative(root.path, file);
    if (rel !== '' && isIgnoredPath(rel)) return true;
    return stats?.isFile() === true && fileKind(file) === null;
  };

  // One chokidar instance per way of watching: polling is a per-instance option.
  const watchFor = (poll: boolean): FSWatcher => {
    const paths = roots.filter((r) => (r.poll === true) === poll).map((r) => r.path);
    const interval = opts.pollIntervalMs ?? 2000;
    return watch(paths, {
      ignored,
      ignoreInitial: false,
      followSymlinks: false,
      alwaysStat: true,
      usePolling: poll,
      ...(poll ? { interval, binaryInterval: interval } : {}),
    });
  };
  const watchers = new Map<boolean, FSWatcher>();
  const readyOf = new Map<FSWatcher, Promise<void>>();
  const startWatcher = (poll: boolean): FSWatcher => {
    const watcher = watchFor(poll);
    watcher.on('add', touch('add'));
    watcher.on('change', touch('change'));
    watcher.on('error', (err: unknown) =>
      opts.logger.error(`watcher: ${err instanceof Error ? err.message : String(err)}`),
    );
    readyOf.set(watcher, new Promise<void>((resolve) => watcher.once('ready', () => resolve())));
    watchers.set(poll, watcher);
    return watcher;
  };
  const watcherOf = (root: (typeof roots)[number]) => watchers.get(root.poll === true);

  const stableMs = opts.stableMs ?? 1500;
  const settler = createFileSettler({
    stableMs,
    pollMs: Math.min(250, stableMs),
    maxBytes: opts.limits.maxEntryBytes,
    onSettled: (file, size, event) => enqueue(event)(file, { size }),
    onError: (file, err) =>
      opts.logger.error(printable(`${file}: ${err instanceof Error ? err.message : String(err)}`)),
    onSeen: (file, sizeBytes) => opts.onSeen?.({ path: file, sizeBytes }),
  });
  const touch = (event: 'add' | 'change') => (file: string) => {
    if (stopped || fileKind(file) === null) return;
    settler.touch(path.resolve(file), event);
  };

  const enqueue = (event: 'add' | 'change') => (file: string, stats?: { size: number }) => {
    if (stopped) return;
    const root = ownerOf(path.resolve(file));
    if (!root || fileKind(file) === null) return;
    queue.push({ file: path.resolve(file), size: stats?.size ?? -1, athleteId: root.athleteId, event });
    running ??= drain().finally(() => {
      running = null;
      for (const w of waiters) w();
      waiters = [];
    });
  };

  const drain = async () => {
    for (let job = queue.shift(); job && !stopped; job = queue.shift()) {
      try {
        await processFile(job);
      } catch (err) {
        opts.logger.error(printable(`${job.file}: ${err instanceof Error ? err.message : String(err)}`));
      }
    }
  };

  const processFile = async (job: {
    file: string;
    size: number;
    athleteId: string;
    event: 'add' | 'change';
  }) => {
    const sizeBytes = job.size >= 0 ? job.size : (await stat(job.file)).size;
    await importFile(
      { path: job.file, sizeBytes },
      {
        db: opts.db,
        ingestFile: opts.ingestFile,
        athleteId: job.athleteId,
        arrival: 'folder',
        limits: opts.limits,
        now: opts.now,
        // A file rewritten in place is read again even at the same size.
        skipKnown: job.event === 'add',
        onItem: (item) => opts.onResult?.({ ...item, path: job.file, athleteId: job.athleteId }),
      },
    );
  };

  for (const poll of [false, true]) {
    if (roots.some((r) => (r.poll === true) === poll)) startWatcher(poll);
  }
  const ready = Promise.all([...readyOf.values()]);

  // chokidar does not notice a folder created after it started (a USB watch mounted later), so
  // missing folders are looked for again until they appear, and again after they disappear.
  const missing = new Set<string>();
  const checkRoots = async () => {
    for (const r of roots) {
      const exists = await stat(r.path).then(
        (i) => i.isDirectory(),
        () => false,
      );
      if (stopped) return;
      if (!exists && !missing.has(r.path)) {
        missing.add(r.path);
        opts.logger.warn(`${r.path} is not there (yet); it is watched as soon as it appears`);
      } else if (exists && missing.has(r.path)) {
        missing.delete(r.path);
        opts.logger.info(`${r.path} appeared; reading it`);
        watcherOf(r)?.unwatch(r.path);
        watcherOf(r)?.add(r.path);
      }
    }
  };
  const rootsChecked = checkRoots();
  const poll = setInterval(
    () => void checkRoots().catch((e: unknown) => opts.logger.error(String(e))),
    opts.missingPollMs ?? 2000,
  );
  poll.unref();

  return {
    ready: Promise.all([ready, rootsChecked]).then(() => undefined),
    idle: () => (running ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(poll);
        settler.stop();
        queue.length = 0;
        await Promise.all([...watchers.values()].map((w) => w.close()));
        await running;
      })();
      return stopping;
    },
    folders: () => roots.map((r) => ({ ...r })),
    async add(folder) {
      const root = { ...folder, path: path.resolve(folder.path) };
      if (stopped || roots.some((r) => r.path === root.path)) return;
      roots = [...roots, root];
      const existing = watcherOf(root);
      if (existing) {
        // chokidar reads a folder added to a running instance like one given at the start.
        existing.add(root.path);
        return;
      }
      await readyOf.get(startWatcher(root.poll === true));
    },
    remove(folderPath) {
      const resolved = path.resolve(folderPath);
      const root = roots.find((r) => r.path === resolved);
      if (!root) return Promise.resolve();
      roots = roots.filter((r) => r !== root);
      missing.delete(resolved);
      watcherOf(root)?.unwatch(resolved);
      for (let i = queue.length - 1; i >= 0; i--) if (!ownerOf(queue[i]?.file ?? '')) queue.splice(i, 1);
      return Promise.resolve();
    },
  };
}
