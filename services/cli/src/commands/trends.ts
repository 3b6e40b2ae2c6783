import { InvalidArgumentError } from 'commander';
import {
  isoWeekAt,
  lastCompleteIsoWeekAt,
  metresPer,
  mondayOfIsoWeek,
  type Units,
  type WeekTrend,
} from '@runcue/analysis';
import { weeklyReviewMail } from '@runcue/notifier';
import { weeklyReview } from '@runcue/operations';
import { enqueue, requeue, resolveAthlete } from '@runcue/store';
import { deliverQueued } from '../deliver-queued.ts';
import { writeMailPreview } from '../mail-preview.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

function parseWeek(value: string): string {
  if (mondayOfIsoWeek(value) === null)
    throw new InvalidArgumentError('expected an ISO week such as 2026-W47');
  return value;
}

const pct = (x: number | null, digits = 0) => (x === null ? '-' : `${x.toFixed(digits)}%`);
const num = (x: number | null, digits = 0) => (x === null ? '-' : x.toFixed(digits));

/** The weekly figures as a fixed-width table, oldest week first. */
export function formatWeeks(weeks: readonly WeekTrend[], units: Units): string {
  const perUnit = metresPer(units);
  const head = ['week', units, 'runs', 'ramp', 'A:C', 'cadence', '<thr', 'decay', 'decoupl', 'pain max'];
  const rows = weeks.map((w) => [
    w.isoWeek + (w.rampFlag || w.acuteChronicFlag ? '!' : ''),
    (w.distanceM / perUnit).toFixed(1),
    String(w.runCount),
    pct(w.rampPercent),
    num(w.acuteChronicRatio, 2),
    num(w.cadenceMedianSpm),
    w.shareBelowThreshold === null ? '-' : pct(w.shareBelowThreshold * 100),
    `${w.formDecayRuns}/${w.runCount}`,
    pct(w.decouplingMedianPercent, 1),
    w.pain.maxScore === null ? '-' : `${w.pain.maxScore}/10${w.pain.redFlagCount > 0 ? ' flag' : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** `runcue trends <athlete>`: twelve weeks of figures; preview or send the weekly review. */
export const registerTrends: RegisterCommand = (program, ctx) => {
  program
    .command('trends')
    .description('print twelve weeks of trends; preview or send the weekly review')
    .argument('<athlete>', 'id, email or name')
    .option(
      '--week <week>',
      'the last week shown, e.g. 2026-W47 (default: this week; with --send, the last complete week)',
      parseWeek,
    )
    .option('--preview <file>', 'write the weekly review as HTML with its charts inline')
    .option('--send', 'queue the weekly review for that week and send what is due')
    .action(async (ref: string, opts: { week?: string; preview?: string; send?: boolean }) => {
      const opened = await openDb(ctx.config);
      ctx.onClose(opened.close);
      const { db } = opened;
      const athlete = await resolveAthlete(db, ref);
      const now = ctx.now();
      // A review covers a finished week: sending the current one would take its slot, and the
      // automatic review of that week, due after it ends, would never be sent.
      const week =
        opts.week ??
        (opts.send ? lastCompleteIsoWeekAt(now, athlete.timeZone) : isoWeekAt(now, athlete.timeZone));
      const review = await weeklyReview(db, athlete, week, now);
      const { trends } = review;
      ctx.stdout(
        `${athlete.name}, weeks to ${week} (${athlete.timeZone}, threshold ${trends.thresholdSpm} spm; ! = load flag)\n`,
      );
      ctx.stdout(formatWeeks(trends.weeks, athlete.units));
      if (opts.preview !== undefined) {
        await writeMailPreview(ctx, opts.preview, await weeklyReviewMail(athlete, review));
      }
      if (opts.send) {
        const { row, created } = await enqueue(db, {
          athleteId: athlete.id,
          kind: 'weekly-review',
          key: week,
          payload: { isoWeek: week, timeZone: athlete.timeZone, requested: true },
          now,
        });
        if (!created && row.status === 'sent')
          ctx.stdout(`the review of ${week} was already sent (${row.messageId}); 'runcue outbox' lists it\n`);
        else if (!created && (row.status === 'failed' || row.status === 'withdrawn'))
          await requeue(db, row.id, now);
        await deliverQueued(ctx, opened, `the weekly review of ${week}`);
      }
    });
};
