import type { WeeklyTrends } from '@runcue/analysis';
import { coachWeek, type CoachAdvice } from '@runcue/coach';
import type { Athlete, Db } from '@runcue/store';
import { coachInputOf, loadCoachContext } from '../coach/coach-context.ts';
import { loadWeeklyTrends } from './weekly-trends.ts';

/** One athlete's week as the weekly review shows it: the trends ending with it, and the coach's word on them. */
export interface WeeklyReview {
  isoWeek: string;
  trends: WeeklyTrends;
  advice: CoachAdvice;
}

/**
 * The weekly review of one ISO week for an athlete: twelve weeks of trends ending with it, coached
 * with the pain log, shoe and cue history. The notifier's weekly email and `runcue trends` (its
 * table, preview and send) both start here.
 */
export async function weeklyReview(
  db: Db,
  athlete: Athlete,
  isoWeek: string,
  now: Date,
): Promise<WeeklyReview> {
  const [context, trends] = await Promise.all([
    loadCoachContext(db, athlete, now),
    loadWeeklyTrends(db, athlete, isoWeek),
  ]);
  return { isoWeek, trends, advice: coachWeek({ trends, ...coachInputOf(context, now) }) };
}
