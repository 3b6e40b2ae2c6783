import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { archiveLimits, createIngestPool, importPaths, type NoSummary } from '@runcue/operations';
import { resolveAthlete } from '@runcue/store';
import { CliError } from '../cli-error.ts';
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
      // One thread per core but the one that writes the database (PGlite runs in it, and
      // PostgreSQL's server takes its share): a second worker bought no speed on two cores and
      // cost 60-90 MB of peak memory (scripts/bench-import.ts). It starts now, loading while the
      // database opens, and without the warm-up a server's worker does: the first files warm it.
      const pool = createIngestPool({
        threads: Math.max(1, availableParallelism() - 1),
        startNow: true,
        warmUp: false,
      });
      ctx.onClose(() => pool.close());
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await resolveAthlete(db, ref);
      const ingestFile = ingestFileOf(ctx, db, pool);
      const tty = process.stderr.isTTY;
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              format: ' {bar} {value}/{total} files  {name}',
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      let done = 0;
      let total = 0;
      let queued = 0;
      const noSummary: NoSummary[] = [];
      let lastNoSummaryId = '';
      const summary = await importPaths(paths, {
        db,
        ingestFile,
        athleteId: athlete.id,
        limits: archiveLimits(ctx.config.maxFileBytes),
        now: ctx.now,
        onStart: (files) => {
          total = files.length;
          bar?.start(total, 0, { name: '' });
          if (!bar) ctx.stderr(`importing ${total} files for ${athlete.name}\n`);
        },
        onItem: (item) => {
          if (item.outcome.status === 'imported') {
            if (item.outcome.noSummary === undefined) queued += 1;
            else if (item.outcome.noSummary.reason !== 'not-a-run') {
              noSummary.push(item.outcome.noSummary);
              lastNoSummaryId = item.outcome.activityId;
            }
          }
          if (item.outcome.status !== 'failed') return;
          const line = `failed  ${item.name}  ${item.outcome.error.code}: ${item.outcome.error.message}\n`;
          if (bar) ctx.stderr('\r\x1b[2K'); // clear the bar's line; it redraws on the next file
          ctx.stdout(line);
        },
        onFileDone: (file) => {
          done += 1;
          if (bar) bar.update(done, { name: path.basename(file.path) });
          else if (done % 100 === 0 && done < total) ctx.stderr(`${done}/${total} files\n`);
        },
      });
      bar?.stop();
      const skipped = summary.skipped > 0 ? `, skipped ${summary.skipped} already imported` : '';
      ctx.stdout(
        `imported ${summary.imported}, duplicates ${summary.duplicates}, failed ${summary.failed}${skipped}\n`,
      );
      if (queued > 0)
        ctx.stdout(
          `${queued} post-run email${queued === 1 ? '' : 's'} queued: 'runcue start' sends ${queued === 1 ? 'it' : 'them'} (see 'runcue outbox')\n`,
        );
      ctx.stdout(explainNoSummaries(noSummary, lastNoSummaryId));
    });
};

/**
 * Says which imported runs got no post-run email and why, grouped by reason, with how to get one
 * (a newcomer's first import is often an old file, and silence reads as a fault).
 */
export function explainNoSummaries(noSummary: readonly NoSummary[], lastId: string): string {
  const [only] = noSummary;
  if (only === undefined) return '';
  if (noSummary.length === 1) return `${only.message}\n`;
  const counts = new Map<string, number>();
  for (const n of noSummary) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
  const why: Record<string, string> = {
    'from-archive': 'came out of an archive',
    'too-old': 'started before the summary window (RUNCUE_SUMMARY_WINDOW_DAYS)',
    'emails-off': 'belong to a runner whose post-run emails are off',
  };
  const parts = [...counts].map(([reason, n]) => `${n} ${why[reason] ?? reason}`);
  return (
    `${noSummary.length} runs got no post-run email: ${parts.join(', ')}. ` +
    `'runcue runs' lists them; 'runcue summary <run> --send' sends one (e.g. 'runcue summary ${lastId} --send')\n`
  );
}
