import { isoWeekAt } from '@runcue/analysis';
import { coachRun, type CoachAdvice } from '@runcue/coach';
import type { Athlete, Db } from '@runcue/store';
import { loadActivity, type LoadedActivity, type MissingPart } from '../activities/load-activity.ts';
import { loadWeeklyTrends } from '../trends/weekly-trends.ts';
import { coachInputOf, loadCoachContext } from './coach-context.ts';

/** A stored run with the coach's word on it. */
export interface CoachedRun extends LoadedActivity {
  advice: CoachAdvice;
}

/**
 * Coaches one stored run in context: the activity and its newest analysis, twelve weeks of trends
 * ending with the run's week (in the athlete's time zone), the pain log, the shoe it was counted
 * against and the cues already sent (so they rotate). `{ missing }` when the run cannot be read back.
 */
export async function coachStoredRun(
  db: Db,
  athlete: Athlete,
  activityId: string,
  now: Date,
): Promise<CoachedRun | { missing: MissingPart }> {
  const loaded = await loadActivity(db, activityId);
  if ('missing' in loaded) return loaded;
  const [context, trends] = await Promise.all([
    loadCoachContext(db, athlete, now, activityId),
    loadWeeklyTrends(db, athlete, isoWeekAt(loaded.record.startTime, athlete.timeZone)),
  ]);
  const advice = coachRun({ analysis: loaded.analysis, trends, ...coachInputOf(context, now) });
  return { ...loaded, advice };
}
