import type { Db } from '@runcue/store';
import type { ArchiveLimits, IngestFile, Logger } from '@runcue/operations';
import { createFolderWatcher, type FolderWatcher, type FolderWatcherOptions } from './folder-watcher.ts';
import type { Scheduler } from './scheduler.ts';
import { createSerialLoop } from './serial-loop.ts';
import { findWatchMounts, type WatchMount, type WatchSearch } from './watch-mounts.ts';

export interface WatchDeviceWatcherOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly limits: ArchiveLimits;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Whose watch it is (the athlete of the `watch` source). */
  readonly athleteId: string;
  readonly search: WatchSearch;
  readonly scheduler: Scheduler;
  /** How often the mounts are looked at for a watch plugged in or out (default 3 s). */
  readonly scanMs?: number;
  /** Passed to each folder watcher. */
  readonly stableMs?: number;
  readonly pollIntervalMs?: number;
  readonly onResult?: FolderWatcherOptions['onResult'];
  /** Told after every scan which watches are connected now. */
  readonly onScan?: (mounts: readonly WatchMount[]) => void;
}

export interface WatchDeviceWatcher {
  /** Looks for watches now (also while the loop sleeps) and resolves once their folders are watched. */
  scanNow(): Promise<readonly WatchMount[]>;
  /** Starts scanning in the background: at once, then every `scanMs`. */
  start(): void;
  /** Resolves when no file of any connected watch is being read. */
  idle(): Promise<void>;
  /** Stops scanning and every folder watcher; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Syncs whatever Garmin watch gets connected: every few seconds it looks where desktops mount
 * watches (`findWatchMounts`), starts a folder watcher on each watch's `GARMIN/Activity` as it
 * appears (polling on MTP mounts, where inotify sees nothing) and stops it when the watch is
 * unplugged. Files go through the folder watcher, so a run already read (same path and size, or
 * same bytes) is not read twice when the watch comes back.
 */
export function createWatchDeviceWatcher(opts: WatchDeviceWatcherOptions): WatchDeviceWatcher {
  const watching = new Map<string, FolderWatcher>();

  const scan = async (stopping: AbortSignal): Promise<readonly WatchMount[]> => {
    const mounts = (await findWatchMounts(opts.search)).filter((m) => m.activityDir !== null);
    if (stopping.aborted) return mounts;
    const present = new Set(mounts.map((m) => m.activityDir ?? ''));
    for (const [dir, watcher] of watching) {
      if (present.has(dir)) continue;
      watching.delete(dir);
      opts.logger.info(`watch at ${dir} is gone (unplugged); it is synced again when it comes back`);
      await watcher.stop();
    }
    for (const m of mounts) {
      const dir = m.activityDir;
      if (dir === null || watching.has(dir)) continue;
      opts.logger.info(`watch connected: reading ${dir}${m.poll ? ' (polling: an MTP mount)' : ''}`);
      const watcher = createFolderWatcher({
        db: opts.db,
        ingestFile: opts.ingestFile,
        folders: [{ path: dir, athleteId: opts.athleteId, poll: m.poll }],
        limits: opts.limits,
        logger: opts.logger,
        now: opts.now,
        stableMs: opts.stableMs,
        pollIntervalMs: opts.pollIntervalMs,
        onResult: opts.onResult,
      });
      watching.set(dir, watcher);
      await watcher.ready;
    }
    opts.onScan?.(mounts);
    return mounts;
  };

  const scans = createSerialLoop({
    run: scan,
    scheduler: opts.scheduler,
    pauseMs: () => opts.scanMs ?? 3000,
    onError: (e) => opts.logger.error(`looking for a watch: ${e instanceof Error ? e.message : String(e)}`),
  });

  return {
    scanNow: scans.runNow,
    start: scans.start,
    async idle() {
      await Promise.all([...watching.values()].map((w) => w.idle()));
    },
    async stop() {
      await scans.stop();
      const all = [...watching.values()];
      watching.clear();
      await Promise.all(all.map((w) => w.stop()));
    },
  };
}
