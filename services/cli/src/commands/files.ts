import { printable } from '@runcue/operations';
import { listFiles, resolveAthlete } from '@runcue/store';
import { openDb } from '../open-db.ts';
import { parseLimit } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

/** `runcue files [--failed]`: the files received, or only the quarantined ones with their codes. */
export const registerFiles: RegisterCommand = (program, ctx) => {
  program
    .command('files')
    .description('list received files; --failed lists the quarantined ones with their error codes')
    .option('--failed', 'only files that could not be read')
    .option('--athlete <athlete>', 'only this athlete (id, email or name)')
    .option('--limit <n>', 'at most this many, newest first', parseLimit, 200)
    .action(async (opts: { failed?: boolean; athlete?: string; limit: number }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athleteId = opts.athlete === undefined ? null : (await resolveAthlete(db, opts.athlete)).id;
      const files = await listFiles(db, {
        athleteId,
        status: opts.failed ? 'failed' : null,
        limit: opts.limit,
      });
      if (files.length === 0) ctx.stdout(opts.failed ? 'no failed files\n' : 'no files yet\n');
      for (const f of files) {
        const received = new Date(f.receivedAt).toISOString().slice(0, 16).replace('T', ' ');
        const detail =
          f.status === 'failed'
            ? `${f.errorCode ?? ''}: ${f.errorMessage ?? ''}`
            : f.status === 'duplicate'
              ? `of ${f.duplicateOf ?? ''} (${f.duplicateReason ?? ''})`
              : (f.activityId ?? '');
        // A name is the sender's choice: escaped, so that it cannot print a line of its own.
        ctx.stdout(
          `${f.status.padEnd(9)}  ${received}  ${printable(f.originalName)}  ${printable(detail)}\n`,
        );
      }
    });
};
