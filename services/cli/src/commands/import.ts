import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { archiveLimits, createImportReport, createIngestPool, importPaths } from '@runcue/operations';
import { resolveAthlete } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { importProgress } from '../import-progress.ts';
import { ingestFileOf } from '../ingest-file-of.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

/**
 * `runcue import <athlete> <path…>`: folders, Garmin Connect export zips and single files. One
 * line per file that failed, a closing summary, exit code 0 whenever the import ran (failed files
 * are quarantined and listed by `runcue files --failed`). A re-run skips what is already stored.
 */
export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description('import folders, Garmin Connect export zips or FIT files for an athlete')
    .argument('<athlete>', 'id, email or name')
    .argument('<paths...>', 'folders, .zip, .fit or .fit.gz files')
    .action(async (ref: string, args: string[]) => {
      const paths = args.map((p) => path.resolve(ctx.config.cwd, p));
      for (const p of paths) {
        await stat(p).catch((err: NodeJS.ErrnoException) => {
          throw new CliError('FILE_NOT_FOUND', `${p} cannot be read (${err.code ?? 'error'})`);
        });
      }
      keepYoungGenerationsSmall();
      // One thread per core but the one that writes the database (PGlite runs in it, and
      // PostgreSQL's server takes its share): a second worker bought no speed on two cores and
      // cost 60-90 MB of peak memory (scripts/bench-import.ts). One starts now, loading while the
      // database opens, without the warm-up a server's worker does: the first files warm it.
      const pool = createIngestPool({
        threads: Math.max(1, availableParallelism() - 1),
        keepWarm: true,
        warmUp: false,
      });
      ctx.onClose(() => pool.close());
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await resolveAthlete(db, ref);
      const progress = await importProgress(ctx, athlete.name);
      const report = createImportReport();
      const summary = await importPaths(paths, {
        db,
        ingestFile: ingestFileOf(ctx, db, pool),
        athleteId: athlete.id,
        athlete,
        limits: archiveLimits(ctx.config.maxFileBytes),
        now: ctx.now,
        onStart: (files) => progress.start(files.length),
        onItem: ({ name, outcome: o }) => {
          report.add(o);
          if (o.status === 'failed') progress.print(`failed  ${name}  ${o.error.code}: ${o.error.message}\n`);
        },
        onFileDone: (file) => progress.fileDone(path.basename(file.path)),
      });
      progress.stop();
      ctx.stdout(report.text(summary));
    });
};

/**
 * V8 grows a thread's young generation up to 16 MB a semi-space once it is busy and keeps it
 * grown; an import's threads keep little alive from one file to the next, and the grown space was
 * 25-40 MB of the import's peak memory (the main thread's heap held 20 MB in 55 MB) for no saving
 * in CPU (`scripts/bench-import.ts`, `scripts/bench-export.ts`). Without growth the young
 * generations stay at their first size. Process-wide, for the rest of the command.
 */
function keepYoungGenerationsSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
