import { getAthlete, type Db } from '@runcue/store';
import { MailError } from './mail-error.ts';
import type { RenderMessage } from './notifier.ts';

/**
 * The notifier's renderer over the store: a 'run-summary' row (keyed by activity id) becomes the
 * post-run summary, a 'weekly-review' row (keyed by ISO week) the weekly review. The renderers
 * (and the chart library behind them, seconds to load on a slow machine) are loaded on the first
 * message, so `runcue start` answers before it has anything to send.
 */
export function createRenderer(db: Db): RenderMessage {
  return async (row, now) => {
    const athlete = await getAthlete(db, row.athleteId);
    if (!athlete) throw new MailError('MAIL_NO_RECIPIENT', `athlete ${row.athleteId} no longer exists`);
    if (row.kind === 'run-summary') {
      const { renderRunSummaryMail } = await import('./render-run-summary.ts');
      return renderRunSummaryMail(db, athlete, row.key, now);
    }
    const { renderWeeklyReviewMail } = await import('./render-weekly-review.ts');
    return renderWeeklyReviewMail(db, athlete, row.key, now);
  };
}
