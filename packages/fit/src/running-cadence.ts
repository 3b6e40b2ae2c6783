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
 * True when the q-quantile (0..1, nearest rank) of the positive finite values is above `limit`;
 * false when there are none. Counting, not sorting: the quantile is above the limit exactly when
 * fewer values than its rank are at or below it.
 */
function positiveQuantileAbove(values: Iterable<number>, q: number, limit: number): boolean {
  let m = 0;
  let atMost = 0;
  for (const v of values) {
    if (!(Number.isFinite(v) && v > 0)) continue;
    m++;
    if (v <= limit) atMost++;
  }
  if (m === 0) return false;
  const rank = Math.min(m - 1, Math.max(0, Math.ceil(q * m) - 1));
  return atMost <= rank;
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
  return positiveQuantileAbove(cadences, JUDGED_QUANTILE, ALREADY_STEPS_SPM) ? 1 : 2;
}
