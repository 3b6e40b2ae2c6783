/** Sports whose FIT cadence counts one leg (strides/min) and must be doubled to steps/min. */
const STRIDE_CADENCE_SPORTS = new Set(['running', 'walking', 'hiking']);

/**
 * Above this (the 90th percentile of a session's values, in the file's own cadence unit) the
 * values cannot be strides/min: 130 strides/min would be 260 steps/min, beyond any human runner,
 * so such a session already holds steps/min and is not doubled again.
 */
export const ALREADY_STEPS_SPM = 130;

/** Share of a session's values the unit is judged by: its 90th percentile, not its median. */
const JUDGED_QUANTILE = 0.9;

/** True when FIT cadence for this sport is per leg (running, walking, hiking). */
export function isStrideCadenceSport(sport: string | null): boolean {
  return sport !== null && STRIDE_CADENCE_SPORTS.has(sport);
}

/** Median of the positive finite values, or null when there are none. */
export function positiveMedian(values: Iterable<number>): number | null {
  const xs: number[] = [];
  for (const v of values) if (Number.isFinite(v) && v > 0) xs.push(v);
  if (xs.length === 0) return null;
  xs.sort((a, b) => a - b);
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? (xs[mid] ?? 0) : ((xs[mid - 1] ?? 0) + (xs[mid] ?? 0)) / 2;
}

/**
 * Counts cadence values one at a time, for each of `groups` groups (sessions), and decides each
 * group's unit as `strideToStepFactor` does. Counting, not sorting: the 90th percentile (nearest
 * rank) of the positive finite values is above `ALREADY_STEPS_SPM` exactly when fewer values than
 * its rank are at or below it.
 */
export class CadenceUnitTally {
  private readonly positive: Int32Array;
  private readonly atMost: Int32Array;

  constructor(groups = 1) {
    this.positive = new Int32Array(groups);
    this.atMost = new Int32Array(groups);
  }

  add(group: number, cadence: number): void {
    if (cadence > 0 && cadence !== Infinity) {
      this.positive[group] = (this.positive[group] as number) + 1;
      if (cadence <= ALREADY_STEPS_SPM) this.atMost[group] = (this.atMost[group] as number) + 1;
    }
  }

  /** The factor to steps/min of a group's values (2 when there were none to judge by). */
  stepFactor(group: number): 1 | 2 {
    const m = this.positive[group] as number;
    if (m === 0) return 2;
    const rank = Math.min(m - 1, Math.max(0, Math.ceil(JUDGED_QUANTILE * m) - 1));
    return (this.atMost[group] as number) <= rank ? 1 : 2;
  }
}

/**
 * Decides the factor that turns a foot sport's FIT cadence into steps/min: 2 when the values
 * are strides/min (the FIT convention), 1 when they are already steps/min (some apps write
 * steps/min into the per-leg field). The unit is judged by the 90th percentile of the positive
 * values, not the median, so a run/walk session stored in steps/min, whose walking (about 110)
 * may be most of its values, is still told by its running (about 170) and not read as 224 spm
 * walking. Returns 2 when there are no values to judge by.
 */
export function strideToStepFactor(cadences: Iterable<number>): 1 | 2 {
  const tally = new CadenceUnitTally();
  for (const v of cadences) tally.add(0, v);
  return tally.stepFactor(0);
}
