import { availableParallelism } from 'node:os';
import { createIngestPool, type IngestPool } from '@runcue/operations/pool';
import type { CliContext } from './cli-context.ts';

let pool: IngestPool | null = null;

/**
 * The worker pool of `runcue import`, started once and closed with the command. `main` starts it
 * before it loads the command's modules, so the worker loads its own (about 0.25-0.3 s of a
 * 100-run import's 2 s) while this thread loads the rest and opens the database.
 *
 * One thread per core but the one that writes the database (PGlite runs in it, and PostgreSQL's
 * server takes its share): a second worker bought no speed on two cores and cost 60-90 MB of peak
 * memory (scripts/bench-import.ts). It starts without the warm-up a server's worker does: the
 * first files warm it.
 */
export function importPool(ctx: CliContext): IngestPool {
  if (pool === null) {
    const started = createIngestPool({
      threads: Math.max(1, availableParallelism() - 1),
      keepWarm: true,
      warmUp: false,
    });
    ctx.onClose(() => started.close());
    pool = started;
  }
  return pool;
}
