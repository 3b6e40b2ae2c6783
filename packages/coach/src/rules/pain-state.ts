import type { PainEntry, PainMilestone, PainRedFlag } from '@runcue/analysis';
import type { DatedPain } from './pain-window.ts';
import {
  ageDaysOf,
  FLARE_UP_HOURS,
  PAIN_CURRENT_DAYS,
  PAIN_PERSISTENT_DAYS,
  PAIN_STOP_SCORE,
  painWithin,
} from './pain-window.ts';

/** Walk/run sessions in weeks 1-3 of the return plan (6 + 6 + ... : 3, 3 and 4 a week). */
export const RETURN_PLAN_SESSIONS = 10;
/** Weeks 1-3 of the return plan; from week 4 the runner runs continuously. */
const RETURN_PLAN_DAYS = 21;

/**
 * Everything the pain rules judge, worked out once from the pain log, the runner's milestones
 * (a professional's clearance, the return plan logged done) and their recent runs.
 */
export interface PainState {
  /** The newest entry, when it was logged in the last week. */
  latest: DatedPain | null;
  /** Red-flag entries since the last clearance (newest first), however old: they never expire. */
  redFlags: DatedPain[];
  /** The red-flag symptoms among them, each once. */
  flags: PainRedFlag[];
  /** When the latest score is 3/10 or more: days since this flare-up began (its first high entry). */
  flareUpDays: number | null;
  /** Pain has been there two weeks or more without easing: days since it was first logged. */
  notEasingDays: number | null;
  /** The walk/run return plan, while it is in force: days since the high pain it follows, runs since. */
  returnPlan: { sinceDays: number; runs: number } | null;
}

export interface PainStateInput {
  pain: readonly PainEntry[];
  milestones?: readonly PainMilestone[] | undefined;
  /** Start times (ISO) of the runner's recent runs: the return plan counts its sessions from them. */
  runStarts?: readonly string[] | undefined;
}

/** Works out the pain state at `nowMs`. Pure. */
export function painState(input: PainStateInput, nowMs: number): PainState {
  const all = painWithin(input.pain, nowMs, Infinity);
  const newest = all[0];
  const latest = newest !== undefined && newest.ageDays <= PAIN_CURRENT_DAYS ? newest : null;
  const clearedDays = newestMilestoneDays(input.milestones, 'cleared', nowMs);
  const redFlags = all.filter(
    (p) => p.entry.flags.length > 0 && (clearedDays === null || p.ageDays < clearedDays),
  );
  const flags = [...new Set(redFlags.flatMap((p) => p.entry.flags))];

  let flareUpDays: number | null = null;
  if (latest !== null && latest.entry.score >= PAIN_STOP_SCORE) {
    flareUpDays = latest.ageDays;
    for (const p of all) {
      if (p.entry.score < PAIN_STOP_SCORE) break;
      flareUpDays = p.ageDays;
    }
  }
  return {
    latest,
    redFlags,
    flags,
    flareUpDays,
    notEasingDays: notEasing(all, latest),
    returnPlan: returnPlan(all, input, nowMs),
  };
}

/** True within the first 72 hours of the current flare-up. */
export function inFirstDaysOfFlareUp(state: PainState): boolean {
  return state.flareUpDays !== null && state.flareUpDays * 24 < FLARE_UP_HOURS;
}

function newestMilestoneDays(
  milestones: readonly PainMilestone[] | undefined,
  kind: PainMilestone['kind'],
  nowMs: number,
): number | null {
  let newest: number | null = null;
  for (const m of milestones ?? []) {
    if (m.kind !== kind) continue;
    const age = ageDaysOf(m.at, nowMs);
    if (age !== null && age >= 0 && (newest === null || age < newest)) newest = age;
  }
  return newest;
}

/**
 * Pain that has not eased: every entry from one at least two weeks old up to the current one
 * shows pain (none at 0), and the current score is not clearly lower (at least 2 points, and
 * under 3/10) than the oldest one of that stretch.
 */
function notEasing(newestFirst: readonly DatedPain[], latest: DatedPain | null): number | null {
  if (latest === null || latest.entry.score === 0) return null;
  let oldest: DatedPain | null = null;
  for (const p of newestFirst) {
    if (p.entry.score === 0) break;
    oldest = p;
  }
  if (oldest === null || oldest.ageDays < PAIN_PERSISTENT_DAYS) return null;
  const eased = latest.entry.score < PAIN_STOP_SCORE && latest.entry.score <= oldest.entry.score - 2;
  return eased ? null : Math.floor(oldest.ageDays);
}

/**
 * The return plan follows the newest entry at 3/10 or more. It holds until the runner logs it
 * done after that entry, or completes it: the sessions of weeks 1-3 run and three weeks passed.
 */
function returnPlan(
  newestFirst: readonly DatedPain[],
  input: PainStateInput,
  nowMs: number,
): PainState['returnPlan'] {
  const high = newestFirst.find((p) => p.entry.score >= PAIN_STOP_SCORE);
  if (high === undefined) return null;
  const doneDays = newestMilestoneDays(input.milestones, 'return-done', nowMs);
  if (doneDays !== null && doneDays < high.ageDays) return null;
  let runs = 0;
  for (const start of input.runStarts ?? []) {
    const age = ageDaysOf(start, nowMs);
    if (age !== null && age >= 0 && age < high.ageDays) runs++;
  }
  if (runs >= RETURN_PLAN_SESSIONS && high.ageDays >= RETURN_PLAN_DAYS) return null;
  return { sinceDays: high.ageDays, runs };
}
