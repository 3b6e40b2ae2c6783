/** The cadence increase the coach asks for: about 5% of the current median, not a leap to 180. */
export const CADENCE_STEP = 0.05;
/** The smallest increase worth asking for (below it the change drowns in day-to-day noise). */
const CADENCE_MIN_STEP = 0.03;
/** The top of the usual recommended range; no target goes above it. */
export const CADENCE_CEILING_SPM = 180;

/**
 * The next cadence target for a runner whose current median is `medianSpm`: the median plus about
 * 5%, rounded to a whole step. It stops at the athlete's threshold when the threshold is already a
 * step of at least 3%, so the runner is not pushed past the goal they set, and it never exceeds
 * 180 steps/min. A target is never below the current median: a runner already at or above 180
 * (or so close that no whole step fits under it) gets none, and the result is null.
 */
export function cadenceTarget(medianSpm: number, thresholdSpm: number): number | null {
  if (!Number.isFinite(medianSpm) || medianSpm >= CADENCE_CEILING_SPM) return null;
  const step = Math.round(medianSpm * (1 + CADENCE_STEP));
  const smallest = Math.ceil(medianSpm * (1 + CADENCE_MIN_STEP));
  const cap = Math.max(thresholdSpm, smallest);
  const target = Math.min(step, cap, CADENCE_CEILING_SPM);
  return target > medianSpm ? target : null;
}
