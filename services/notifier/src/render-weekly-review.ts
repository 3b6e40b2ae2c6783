import { renderWeeklyReview, type ReportLink } from '@runcue/report';
import { reportAthleteOf, weeklyReview, type WeeklyReview } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import type { RenderedMail } from './notifier.ts';

/** The weekly review email of one ISO week for an athlete (`weeklyReview`), as the notifier sends it. */
export async function renderWeeklyReviewMail(
  db: Db,
  athlete: Athlete,
  isoWeek: string,
  now: Date,
  links: ReportLink[] = [],
): Promise<RenderedMail> {
  return weeklyReviewMail(athlete, await weeklyReview(db, athlete, isoWeek, now), links);
}

/** A weekly review already worked out, as an email (`runcue trends --preview` shows the one it printed). */
export function weeklyReviewMail(
  athlete: Athlete,
  review: WeeklyReview,
  links: ReportLink[] = [],
): RenderedMail {
  const report = renderWeeklyReview({
    athlete: reportAthleteOf(athlete),
    trends: review.trends,
    advice: review.advice,
    links,
  });
  return {
    to: athlete.email,
    ...report,
    cues: review.advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId: null })),
  };
}
