import type { ReportLink } from '@runcue/report';
import { reportAthleteOf, weeklyReview, type WeeklyReview } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import type { RenderedMail } from './notifier.ts';
import { drawInThread, type DrawReport } from './render-pool.ts';

/**
 * The weekly review email of one ISO week for an athlete (`weeklyReview`), as the notifier sends
 * it; drawn by `draw` (`runcue start`'s render pool), by default in this thread.
 */
export async function renderWeeklyReviewMail(
  db: Db,
  athlete: Athlete,
  isoWeek: string,
  now: Date,
  links: ReportLink[] = [],
  draw: DrawReport = drawInThread,
): Promise<RenderedMail> {
  return weeklyReviewMail(athlete, await weeklyReview(db, athlete, isoWeek, now), links, draw);
}

/** A weekly review already worked out, as an email (`runcue trends --preview` shows the one it printed). */
export async function weeklyReviewMail(
  athlete: Athlete,
  review: WeeklyReview,
  links: ReportLink[] = [],
  draw: DrawReport = drawInThread,
): Promise<RenderedMail> {
  const report = await draw({
    kind: 'weekly-review',
    input: { athlete: reportAthleteOf(athlete), trends: review.trends, advice: review.advice, links },
  });
  return {
    to: athlete.email,
    ...report,
    cues: review.advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId: null })),
  };
}
