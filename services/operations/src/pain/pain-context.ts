import type { PainEntry, PainMilestone } from '@runcue/analysis';
import {
  latestPainEntries,
  latestPainMilestones,
  latestRedFlagEntry,
  listRunStartTimes,
  type Db,
  type StoredPainEntry,
} from '@runcue/store';

/** Recent entries the pain rules look at (the newest first). */
const RECENT_ENTRIES = 30;
/** Runs counted towards the return plan's sessions: the plan's weeks and the rest before them. */
const RUN_HISTORY_DAYS = 56;

/** What the coach's pain rules need from the store. */
export interface PainContext {
  /** Recent entries plus the newest red-flag entry since the last clearance, however old. */
  pain: PainEntry[];
  painMilestones: PainMilestone[];
  runStarts: string[];
}

/**
 * Loads the pain context for coaching at `now`: the recent pain log, the red flag still in force
 * (it never expires: only a recorded clearance after it lifts it, so it is fetched however old
 * it is), the runner's milestones and the starts of their runs of the last eight weeks.
 */
export async function loadPainContext(db: Db, athleteId: string, now: Date): Promise<PainContext> {
  const milestones = await latestPainMilestones(db, athleteId, now);
  const clearedAt = milestones.cleared === undefined ? null : new Date(milestones.cleared.at);
  const [recent, flagged, starts] = await Promise.all([
    latestPainEntries(db, athleteId, RECENT_ENTRIES),
    latestRedFlagEntry(db, athleteId, clearedAt),
    listRunStartTimes(db, athleteId, new Date(now.getTime() - RUN_HISTORY_DAYS * 86_400_000), now),
  ]);
  const entries =
    flagged !== null && !recent.some((e) => e.id === flagged.id) ? [...recent, flagged] : recent;
  return {
    pain: entries.filter((e) => Date.parse(e.at) <= now.getTime()).map(toPainEntry),
    painMilestones: Object.values(milestones).map(({ kind, at, note }) => ({ kind, at, note })),
    runStarts: starts.map((d) => d.toISOString()),
  };
}

function toPainEntry({ id: _id, athleteId: _a, ...entry }: StoredPainEntry): PainEntry {
  return entry;
}
