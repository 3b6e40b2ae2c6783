import type { PainEntry, PainMilestone } from '@runcue/analysis';
import type { CoachProfile, CueHistoryEntry, ShoeStatus } from '@runcue/coach';
import { defaultShoe, getActivity, listSentCues, listShoes, type Athlete, type Db } from '@runcue/store';
import { profileOf } from '../athletes/athlete-profile.ts';
import { loadPainContext } from '../pain/pain-context.ts';

/** What the coach needs besides the run: the athlete's profile, pain log, cue history and shoe. */
export interface CoachContext {
  profile: CoachProfile;
  pain: PainEntry[];
  painMilestones: PainMilestone[];
  runStarts: string[];
  recentCues: CueHistoryEntry[];
  shoe: ShoeStatus | null;
}

/** Cues sent this many days back count for rotation and escalation. */
const HISTORY_DAYS = 42;

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
