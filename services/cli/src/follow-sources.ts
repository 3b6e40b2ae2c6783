import { listSources, type Db } from '@runcue/store';

export interface FollowSourcesOptions {
  readonly db: Db;
  readonly intervalMs: number;
  /** The folder sources now, whenever they differ from the last call's. */
  readonly onFolders: (folders: ReadonlyArray<{ path: string; athleteId: string }>) => Promise<void>;
  /** The athlete whose watch is synced (null for none), whenever it changed. */
  readonly onWatch: (athleteId: string | null) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * Reads the sources table every `intervalMs` and reports what changed, so a `runcue source add`
 * or `source remove` in another terminal (over the shared embedded database or PostgreSQL) takes
 * effect in a running `runcue start` within seconds. The first read reports the state as it is, so
 * a change made while runcue was starting is not missed; the callbacks compare with what runs. intervals.icu accounts need nothing here:
 * their poller reads the accounts on every poll. One read at a time; `stop` waits for it.
 */
export function followSources(o: FollowSourcesOptions): { stop(): Promise<void> } {
  let lastFolders: string | null = null;
  let lastWatch: string | null | undefined = undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const check = async () => {
    const sources = await listSources(o.db);
    if (stopped) return;
    const folders = sources
      .filter((s) => s.kind === 'folder')
      .map((s) => ({ path: s.path, athleteId: s.athleteId }));
    const key = JSON.stringify(folders);
    if (key !== lastFolders) await o.onFolders(folders);
    lastFolders = key;
    const watch = sources.find((s) => s.kind === 'watch')?.athleteId ?? null;
    if (watch !== lastWatch) o.onWatch(watch);
    lastWatch = watch;
  };
  const tick = () => {
    if (stopped || running) return;
    running = check()
      .catch(o.onError)
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, o.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
