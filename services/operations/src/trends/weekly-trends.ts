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
  const days = reviewDays(isoWeek, weeks);
  if (days === null) throw new RangeError(`"${isoWeek}" is not an ISO week (expected e.g. 2026-W47)`);
  // Trends re-filter by local date.
  const { from, to } = storeSpan(days.firstDay - 28, days.lastDay);
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
  const days = reviewDays(isoWeek, weeks);
  if (days === null) return false;
  const { from, to } = storeSpan(days.firstDay, days.lastDay);
  const starts = await listRunStartTimes(db, athleteId, from, to);
  return starts.some((t) => {
    const day = localDay(t, timeZone);
    return day >= days.firstDay && day <= days.lastDay;
  });
}

/**
 * The first and last day (days since the epoch, Monday and Sunday) of the `weeks` ISO weeks
 * ending with `isoWeek`; null for a string that is not an ISO week.
 */
function reviewDays(isoWeek: string, weeks: number): { firstDay: number; lastDay: number } | null {
  const monday = mondayOfIsoWeek(isoWeek);
  return monday === null ? null : { firstDay: monday - (weeks - 1) * 7, lastDay: monday + 6 };
}

/**
 * The UTC span to ask the store for local days `firstDay` to `lastDay`: one spare day on each
 * side, since the store filters in UTC and the runner's local date decides.
 */
function storeSpan(firstDay: number, lastDay: number): { from: Date; to: Date } {
  return { from: dayStart(firstDay - 1), to: dayStart(lastDay + 2) };
}
