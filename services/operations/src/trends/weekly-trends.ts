import { dayStart, localDay, mondayOfIsoWeek, weeklyTrends, type WeeklyTrends } from '@runcue/analysis';
import {
  firstRunStart,
  latestPainEntries,
  listRunRecords,
  listRunStartTimes,
  shoeRecords,
  trendThresholdsOf,
  type Athlete,
  type Db,
} from '@runcue/store';

/** How many weeks a weekly review shows, ending with the week it reviews. */
export const REVIEW_WEEKS = 12;

/**
 * Twelve weeks (by default) of trends ending with `isoWeek`, from the athlete's stored runs, pain
 * log and shoes. Runs from four extra weeks before the window are passed in so the first week's
 * ramp and acute:chronic ratio are right, and the start of the athlete's first run so the ratio is
 * left out until they have three weeks of history (a first run is not a spike).
 */
export async function loadWeeklyTrends(
  db: Db,
  athlete: Athlete,
  isoWeek: string,
  weeks = REVIEW_WEEKS,
): Promise<WeeklyTrends> {
  const monday = mondayOfIsoWeek(isoWeek);
  if (monday === null) throw new RangeError(`"${isoWeek}" is not an ISO week (expected e.g. 2026-W47)`);
  // One spare day each side: the store filters in UTC, trends re-filter by local date.
  const from = dayStart(monday - (weeks - 1) * 7 - 28 - 1);
  const to = dayStart(monday + 8);
  const [runs, pain, shoes, firstRun] = await Promise.all([
    listRunRecords(db, athlete.id, from, to),
    latestPainEntries(db, athlete.id, 1000),
    shoeRecords(db, athlete.id, from),
    firstRunStart(db, athlete.id),
  ]);
  return weeklyTrends(
    runs,
    pain.map(({ id: _id, athleteId: _a, ...entry }) => entry),
    {
      weekOf: isoWeek,
      timeZone: athlete.timeZone,
      weeks,
      thresholdSpm: athlete.cadenceThresholdSpm,
      ...trendThresholdsOf(athlete.settings),
      shoes,
      firstRunAt: firstRun?.toISOString() ?? null,
    },
  );
}

/**
 * True when the athlete has at least one run in the `weeks` ISO weeks (in their time zone) ending
 * with `isoWeek`: the weeks a weekly review would show. A review of twelve empty weeks says
 * nothing, so the notifier does not queue one. False for a string that is not an ISO week.
 */
export async function hasRunsToReview(
  db: Db,
  athleteId: string,
  isoWeek: string,
  timeZone: string,
  weeks = REVIEW_WEEKS,
): Promise<boolean> {
  const monday = mondayOfIsoWeek(isoWeek);
  if (monday === null) return false;
  const firstDay = monday - (weeks - 1) * 7;
  const lastDay = monday + 6;
  // One spare day each side: the store filters in UTC, the local date decides.
  const starts = await listRunStartTimes(db, athleteId, dayStart(firstDay - 1), dayStart(lastDay + 2));
  return starts.some((t) => {
    const day = localDay(t, timeZone);
    return day >= firstDay && day <= lastDay;
  });
}
