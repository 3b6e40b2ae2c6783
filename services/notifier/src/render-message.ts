import { getAthlete, type Db } from '@runcue/store';
import { MailError } from './mail-error.ts';
import type { RenderMessage } from './notifier.ts';
import { renderRunSummaryMail } from './render-run-summary.ts';
import { renderWeeklyReviewMail } from './render-weekly-review.ts';

/**
 * The notifier's renderer over the store: a 'run-summary' row (keyed by activity id) becomes the
 * post-run summary, a 'weekly-review' row (keyed by ISO week) the weekly review.
 */
export function createRenderer(db: Db): RenderMessage {
  return async (row, now) => {
    const athlete = await getAthlete(db, row.athleteId);
    if (!athlete) throw new MailError('MAIL_NO_RECIPIENT', `athlete ${row.athleteId} no longer exists`);
    if (row.kind === 'run-summary') return renderRunSummaryMail(db, athlete, row.key, now);
    return renderWeeklyReviewMail(db, athlete, row.key, now);
  };
}
