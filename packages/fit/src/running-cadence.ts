/** Sports whose FIT cadence counts one leg (strides/min) and must be doubled to steps/min. */
const STRIDE_CADENCE_SPORTS = new Set(['running', 'walking', 'hiking']);

/**
 * Above this median (in the file's own cadence unit) the values cannot be strides/min: 130
 * strides/min would be 260 steps/min, beyond any human runner, so such a file already holds
 * steps/min and is not doubled again.
 */
export const ALREADY_STEPS_MEDIAN = 130;

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
 * Decides the factor that turns a foot sport's FIT cadence into steps/min: 2 when the values
 * are strides/min (the FIT convention), 1 when their median while moving is already above
 * `ALREADY_STEPS_MEDIAN` (some apps write steps/min into the per-leg field). Returns 2 when
 * there are no values to judge by.
 */
export function strideToStepFactor(cadences: Iterable<number>): 1 | 2 {
  const median = positiveMedian(cadences);
  return median !== null && median > ALREADY_STEPS_MEDIAN ? 1 : 2;
}
