import { createIngestFile, type IngestFileOptions, type IngestPool } from '@runcue/operations';
import type { Db } from '@runcue/store';
import type { CliContext } from './cli-context.ts';

/** How the command line stores files: the configured size limit and summary window, read in `pool`. */
export function ingestFileOf(
  ctx: CliContext,
  db: Db,
  pool: IngestPool,
  more: Pick<IngestFileOptions, 'onImported' | 'logger'> = {},
) {
  return createIngestFile({
    db,
    clock: ctx.now,
    maxBytes: ctx.config.maxFileBytes,
    summaryWindowDays: ctx.config.summaryWindowDays,
    pool,
    ...more,
  });
}
