import { reanalyseAll, warmUpImport, type Logger } from '@runcue/operations';
import type { Db } from '@runcue/store';

/**
 * What a running `runcue start` does in the background: compiles the decoder and the analysis now
 * rather than on the first run, and brings runs stored under an older analysis
 * version up to date. Returns what stops it (the reanalysis finishes the run it is on).
 */
export function startBackgroundWork(db: Db, clock: () => Date, logger: Logger): () => Promise<void> {
  setImmediate(() => {
    try {
      warmUpImport();
    } catch (e) {
      logger.error(`while warming up the decoder: ${String(e)}`);
    }
  });
  const stopReanalysing = new AbortController();
  const reanalysing = reanalyseAll({ db, clock, logger, signal: stopReanalysing.signal })
    .then(({ done, failed }) => {
      if (done + failed.length > 0)
        logger.info(`reanalysed ${done} stored runs with the current analysis, ${failed.length} failed`);
    })
    .catch((e: unknown) => logger.error(`while reanalysing stored runs: ${String(e)}`));
  return () => {
    stopReanalysing.abort();
    return reanalysing;
  };
}
