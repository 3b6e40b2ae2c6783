import { DEFAULT_SEARCH_ROOTS, readProcMounts, type WatchSearch } from '@runcue/ingest';
import type { Config } from './config.ts';

/**
 * Where this runcue looks for a connected watch: the usual mount places, or the folders
 * RUNCUE_WATCH_ROOTS names (each searched two levels down for `GARMIN`, as in
 * `<root>/mtp:host=…/Primary/GARMIN`), plus the MTP mounts of the mount table.
 */
export function watchSearch(config: Config): WatchSearch {
  return {
    roots:
      config.watchRoots === null
        ? DEFAULT_SEARCH_ROOTS
        : config.watchRoots.map((pattern) => ({ pattern, depth: 2 })),
    readMountTable: () => readProcMounts(config.mountTable),
  };
}
