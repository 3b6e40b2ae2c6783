import { weeklyTrends, type PainEntry, type PainMilestone, type WeeklyTrends } from '@runcue/analysis';
import { loadPainContext } from '@runcue/operations';
import type { CoachProfile, CueHistoryEntry, ShoeStatus } from '@runcue/coach';
import {
  coachThresholdsOf,
  defaultShoe,
  firstRunStart,
  getActivity,
  latestPainEntries,
  listRunRecords,
  listSentCues,
  listShoes,
  shoeRecords,
  trendThresholdsOf,
  type Athlete,
  type Db,
} from '@runcue/store';
import { dayStart, isoWeekOf, mondayOfIsoWeek } from '@runcue/analysis';
import { REVIEW_WEEKS } from './has-runs-to-review.ts';
import { wallClock } from './weekly-due.ts';

/** What the coach needs besides the run: the athlete's profile, pain log, cue history and shoe. */
export interface CoachContext {
  profile: CoachProfile;
  pain: PainEntry[];
  painMilestones: PainMilestone[];
  runStarts: string[];
  recentCues: CueHistoryEntry[];
  shoe: ShoeStatus | null;
}

const HISTORY_DAYS = 42;

/** How a report names the athlete and which units and threshold it uses. */
export function reportAthleteOf(athlete: Athlete): {
  name: string;
  units: 'km' | 'mi';
  thresholdSpm: number;
} {
  return {
    name: athlete.name,
    units: athlete.units,
    thresholdSpm: athlete.cadenceThresholdSpm,
  };
}

/** The athlete's coaching profile from their stored settings. */
export function profileOf(athlete: Athlete): CoachProfile {
  return {
    thresholdSpm: athlete.cadenceThresholdSpm,
    units: athlete.units,
    ...coachThresholdsOf(athlete.settings),
  };
}

/** The part of the coach's input that comes from the context, shared by run and week coaching. */
export function coachInputOf(context: CoachContext, now: Date) {
  return {
    pain: context.pain,
    painMilestones: context.painMilestones,
    runStarts: context.runStarts,
    profile: context.profile,
    shoe: context.shoe,
    history: { recentCues: context.recentCues },
    now: now.toISOString(),
  };
}

/**
 * Loads the context the coach judges a run or a week in: the pain context (recent entries, a red
 * flag still in force however old, clearances, recent runs for the return plan), the cues sent in
 * the last six weeks (for rotation and escalation) and the shoe — the one the run was counted
 * against when `activityId` is given, else the current default — with its total distance.
 */
export async function loadCoachContext(
  db: Db,
  athlete: Athlete,
  now: Date,
  activityId: string | null = null,
): Promise<CoachContext> {
  const [pain, sent] = await Promise.all([
    loadPainContext(db, athlete.id, now),
    listSentCues(db, athlete.id, new Date(now.getTime() - HISTORY_DAYS * 86_400_000)),
  ]);
  const activity = activityId === null ? null : await getActivity(db, activityId);
  const shoeId = activity ? activity.shoeId : ((await defaultShoe(db, athlete.id))?.id ?? null);
  const shoe = shoeId === null ? undefined : (await listShoes(db, athlete.id)).find((s) => s.id === shoeId);
  return {
    profile: profileOf(athlete),
    ...pain,
    recentCues: sent.map((c) => ({ cueId: c.cueId, level: c.level, at: c.at.toISOString() })),
    shoe: shoe ? { name: shoe.name, distanceM: shoe.totalDistanceM, warnAtM: shoe.warnAtM } : null,
  };
}

/** The ISO week (in the athlete's time zone) an instant falls in. */
export function isoWeekAt(at: Date, timeZone: string): string {
  return isoWeekOf(wallClock(at, timeZone).day);
}

/** The last complete ISO week before `at` on the athlete's wall clock: the one a weekly review covers. */
export function lastCompleteIsoWeekAt(at: Date, timeZone: string): string {
  return isoWeekOf(wallClock(at, timeZone).day - 7);
}

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
