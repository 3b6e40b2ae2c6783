import { ACUTE_CHRONIC_FLAG_RATIO, RAMP_FLAG_PERCENT } from '@runcue/analysis';
import { coachWeek, type CoachAdvice } from '@runcue/coach';
import { addPainEntry, type Athlete, type Db, type NewPainEntry, type StoredPainEntry } from '@runcue/store';
import { coachInputOf, loadCoachContext } from './coach-context.ts';

/**
 * Logs a pain entry and returns what the coach says about it right away, from the pain log alone:
 * stop-and-rest with the walk/run return at 3/10 or more, a doctor or physio for a red flag, and
 * keep-an-eye-on-it below that. Training cues (cadence, load) wait for the next run or review.
 * Used by `runcue pain` and `POST /api/v1/pain`.
 */
export async function logPain(
  db: Db,
  athlete: Athlete,
  entry: NewPainEntry,
  now: Date,
): Promise<{ entry: StoredPainEntry; advice: CoachAdvice }> {
  const stored = await addPainEntry(db, athlete.id, entry);
  const context = await loadCoachContext(db, athlete, now);
  const advice = coachWeek({
    // No weeks: only the pain rules have something to judge.
    trends: {
      timeZone: athlete.timeZone,
      thresholdSpm: athlete.cadenceThresholdSpm,
      rampFlagPercent: RAMP_FLAG_PERCENT,
      acuteChronicFlagRatio: ACUTE_CHRONIC_FLAG_RATIO,
      weeks: [],
      skipped: [],
    },
    ...coachInputOf(context, now),
    shoe: null,
  });
  return { entry: stored, advice: { ...advice, cues: advice.cues.filter((c) => c.id.startsWith('pain')) } };
}
