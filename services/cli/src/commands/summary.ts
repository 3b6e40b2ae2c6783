import { renderRunSummaryMail } from '@runcue/notifier';
import { athleteFor, runFor } from '@runcue/operations';
import { enqueue, requeue, resend } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import { deliverQueued } from '../deliver-queued.ts';
import { writeMailPreview } from '../mail-preview.ts';
import type { RegisterCommand } from './register.ts';

/**
 * `runcue summary <run|latest> [--preview file.html] [--send]`: the post-run email of any stored
 * run, e.g. one that was too old to be emailed when it arrived.
 */
export const registerSummary: RegisterCommand = (program, ctx) => {
  program
    .command('summary')
    .description('preview or send the post-run email of a stored run')
    .argument('<run>', "an activity id (see 'runcue runs') or 'latest'")
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .option('--preview <file>', 'write the email as HTML with its charts inline')
    .option('--send', 'send the email (again, if it was sent before)')
    .action(async (ref: string, opts: { athlete?: string; preview?: string; send?: boolean }) => {
      if (opts.preview === undefined && !opts.send)
        throw new CliError(
          'NOTHING_TO_DO',
          'say what to do with the email: --preview <file.html>, --send or both',
        );
      const opened = await openDb(ctx.config);
      ctx.onClose(opened.close);
      const { db } = opened;
      const athlete = await athleteFor(db, opts.athlete);
      const run = await runFor(db, athlete, ref);
      const now = ctx.now();
      if (opts.preview !== undefined) {
        await writeMailPreview(ctx, opts.preview, await renderRunSummaryMail(db, athlete, run.id, now));
      }
      if (opts.send) {
        const { row, created } = await enqueue(db, {
          athleteId: athlete.id,
          kind: 'run-summary',
          key: run.id,
          payload: { activityId: run.id, requested: true },
          now,
        });
        if (!created && row.status === 'sent') {
          await resend(db, row.id, now);
          ctx.stdout(
            `sending the summary of run ${run.id} again (first sent ${row.sentAt?.toISOString() ?? ''})\n`,
          );
        } else if (!created && row.status !== 'failed' && row.status !== 'withdrawn') {
          ctx.stdout(`the summary of run ${run.id} is already queued (${row.status})\n`);
        } else if (!created) {
          await requeue(db, row.id, now);
        }
        await deliverQueued(ctx, opened, `the summary of run ${run.id}`);
      }
    });
};
