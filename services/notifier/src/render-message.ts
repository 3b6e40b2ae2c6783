import { getAthlete, wantsEmail, type Db, type OutboxKind } from '@runcue/store';
import { MailError } from './mail-error.ts';
import type { RenderMessage } from './notifier.ts';
import type { DrawReport } from './render-pool.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

/**
 * The notifier's renderer over the store: a 'run-summary' row (keyed by activity id) becomes the
 * post-run summary, a 'weekly-review' row (keyed by ISO week) the weekly review. The renderers
 * (and the chart library behind them, seconds to load on a slow machine) are loaded on the first
 * message, so `runcue start` answers before it has anything to send. A message queued before the
 * runner turned its kind of email off is withdrawn, not sent, unless it was asked for by name.
 * Reports are drawn by `draw` (`runcue start`'s render pool), by default in this thread.
 */
export function createRenderer(
  db: Db,
  unsubscribe: UnsubscribeLinks | null = null,
  draw?: DrawReport,
): RenderMessage {
  return async (row, now) => {
    const athlete = await getAthlete(db, row.athleteId);
    if (!athlete) throw new MailError('MAIL_NO_RECIPIENT', `athlete ${row.athleteId} no longer exists`);
    if (row.payload['requested'] !== true && !wantsEmail(athlete.settings, row.kind))
      return { withdrawn: `${athlete.name} turned ${KIND_NAMES[row.kind]} off after it was queued` };
    const unsubscribeUrl = unsubscribe?.url(athlete.id, row.kind) ?? null;
    const links = unsubscribeUrl ? [{ label: UNSUBSCRIBE_LABELS[row.kind], url: unsubscribeUrl }] : [];
    // The two renderers take the same arguments: the row's key is an activity id or an ISO week.
    const render =
      row.kind === 'run-summary'
        ? (await import('./render-run-summary.ts')).renderRunSummaryMail
        : (await import('./render-weekly-review.ts')).renderWeeklyReviewMail;
    return { ...(await render(db, athlete, row.key, now, links, draw)), unsubscribeUrl };
  };
}

/** Each kind of email as a sentence names it. */
const KIND_NAMES = {
  'run-summary': 'post-run emails',
  'weekly-review': 'the weekly review',
} as const satisfies Record<OutboxKind, string>;

/** The body link's words for each kind of email. */
const UNSUBSCRIBE_LABELS = {
  'run-summary': 'Turn off post-run emails',
  'weekly-review': 'Turn off the weekly review',
} as const satisfies Record<OutboxKind, string>;
