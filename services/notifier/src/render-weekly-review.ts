import { coachWeek } from '@runcue/coach';
import { renderWeeklyReview, type ReportLink } from '@runcue/report';
import type { Athlete, Db } from '@runcue/store';
import { loadCoachContext, loadWeeklyTrends, coachInputOf, reportAthleteOf } from './coach-context.ts';
import type { RenderedMail } from './notifier.ts';

/**
 * Renders the weekly review of one ISO week for an athlete: twelve weeks of trends ending with it,
 * coached with the pain log, shoe and cue history, as the email the notifier sends and the
 * `runcue trends` preview shows.
 */
export async function renderWeeklyReviewMail(
  db: Db,
  athlete: Athlete,
  isoWeek: string,
  now: Date,
  links: ReportLink[] = [],
): Promise<RenderedMail> {
  const [context, trends] = await Promise.all([
    loadCoachContext(db, athlete, now),
    loadWeeklyTrends(db, athlete, isoWeek),
  ]);
  const advice = coachWeek({
    trends,
    ...coachInputOf(context, now),
  });
  const report = renderWeeklyReview({
    athlete: reportAthleteOf(athlete),
    trends,
    advice,
    links,
  });
  return {
    to: athlete.email,
    ...report,
    cues: advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId: null })),
  };
}
