import { createWatchDeviceWatcher, realScheduler } from '@runcue/ingest';
import type { ArchiveLimits, IngestFile, IngestItem, Logger } from '@runcue/operations';
import type { Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { watchSearch } from '../../watch-search.ts';

interface WatchFollowerOptions {
  db: Db;
  ingestFile: IngestFile;
  limits: ArchiveLimits;
  logger: Logger;
  onResult: (item: IngestItem) => void;
}

/**
 * Syncs whatever Garmin watch gets connected, for the one athlete with a watch source: `follow`
 * starts the device watcher for `athleteId` (stopping one for another athlete first), or stops it
 * for null; `stop` ends it for good.
 */
export function createWatchFollower(ctx: CliContext, o: WatchFollowerOptions) {
  let devices: { athleteId: string; stop: () => Promise<void> } | null = null;
  return {
    follow(athleteId: string | null): void {
      if (devices && devices.athleteId !== athleteId) {
        void devices.stop().catch((e: unknown) => o.logger.error(String(e)));
        devices = null;
      }
      if (athleteId === null || devices) return;
      const started = createWatchDeviceWatcher({
        ...o,
        now: ctx.now,
        athleteId,
        search: watchSearch(ctx.config),
        scheduler: realScheduler,
      });
      started.start();
      devices = { athleteId, stop: () => started.stop() };
    },
    stop: (): Promise<void> => devices?.stop() ?? Promise.resolve(),
  };
}
