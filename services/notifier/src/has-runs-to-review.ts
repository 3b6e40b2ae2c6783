import { listRunStartTimes, type Db } from '@runcue/store';
import { dayStart, mondayOfIsoWeek } from '@runcue/analysis';
import { wallClock } from './weekly-due.ts';

/** How many weeks a weekly review shows, ending with the week it reviews. */
export const REVIEW_WEEKS = 12;

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
    const day = wallClock(t, timeZone).day;
    return day >= firstDay && day <= lastDay;
  });
}
