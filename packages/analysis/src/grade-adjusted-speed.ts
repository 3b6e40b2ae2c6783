import type { AnalysisOptions } from './analysis-options.ts';
import { scratchFloat64 } from './scratch.ts';

/** Grades beyond this are clamped: Minetti et al. measured −0.45..+0.45. */
const MAX_GRADE = 0.45;

/**
 * Energy cost of running on fractional grade `i` in J/kg/m (Minetti et al. 2002, J Appl Physiol
 * 93:1039): Cr(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6, with i clamped to ±0.45.
 */
export function minettiCost(grade: number): number {
  const i = Math.max(-MAX_GRADE, Math.min(MAX_GRADE, grade));
  return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

/** Flat-ground speed that costs the same energy as `speedMps` on `grade`: v·Cr(i)/Cr(0). */
export function flatEquivalentSpeed(speedMps: number, grade: number): number {
  return (speedMps * minettiCost(grade)) / minettiCost(0);
}

/** Grade and grade-adjusted speed at every sample (see `sampleGrades`). */
export interface SampleGrades {
  /** Fractional grade per sample; NaN where unknown. */
  readonly grade: Float64Array;
  /** Grade-adjusted (flat-equivalent) speed; raw speed where grade is unknown. */
  readonly gasMps: Float64Array;
  /** True when any sample had a grade. */
  readonly adjusted: boolean;
}

/**
 * Grade at every sample, from smoothed altitude (`smoothAltitude`) across `gradeWindowM` of run
 * distance, NaN where unknown (`distance` is the run's own distance clock: monotone inside the
 * run, NaN outside it), or 0 everywhere on a `flat` run; and in the same pass the grade-adjusted
 * speed (`flatEquivalentSpeed`, raw speed where grade is unknown). The arrays are scratch
 * (`scratch.ts`).
 */
export function sampleGrades(
  smooth: Float64Array,
  distance: Float64Array,
  speedMps: Float64Array,
  flat: boolean,
  options: Pick<AnalysisOptions, 'gradeWindowM'>,
): SampleGrades {
  const n = smooth.length;
  const grades = scratchFloat64('grade', n);
  const gas = scratchFloat64('gas', n);
  if (flat) {
    grades.fill(0);
    // Cr(0)/Cr(0) is 1, but the product is rounded as the formula rounds it.
    for (let i = 0; i < n; i++) gas[i] = flatEquivalentSpeed(speedMps[i] as number, 0);
    return { grade: grades, gasMps: gas, adjusted: n > 0 };
  }
  const half = options.gradeWindowM / 2;
  let adjusted = false;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const v = speedMps[i] as number;
    const d = distance[i] as number;
    const h = smooth[i] as number;
    let g = NaN;
    if (Number.isFinite(d) && Number.isFinite(h)) {
      // Two pointers over (mostly monotone) distance: the first sample at d − half, the last at d + half.
      while (lo < i && !((distance[lo] as number) >= d - half && Number.isFinite(smooth[lo]))) lo++;
      if (hi < i) hi = i;
      while (hi + 1 < n && (distance[hi + 1] as number) <= d + half) hi++;
      while (hi > i && !Number.isFinite(smooth[hi])) hi--;
      const run = (distance[hi] as number) - (distance[lo] as number);
      if (run >= half) g = ((smooth[hi] as number) - (smooth[lo] as number)) / run;
    }
    grades[i] = g;
    if (Number.isFinite(g)) {
      adjusted = true;
      gas[i] = flatEquivalentSpeed(v, g);
    } else gas[i] = v;
  }
  return { grade: grades, gasMps: gas, adjusted };
}

/**
 * Grade-adjusted speed of single samples, asked for in index order (never backwards), for an
 * activity that reads it only at a few slow samples: each answer is what `sampleGrades` gives at
 * that sample, without working out the samples between. That holds when the run distance never
 * decreases (then the window pointers at a sample do not depend on the samples skipped), as
 * `monotone` says (see `RunTimeline.distanceMonotone`); when it does decrease, or a sample is asked
 * for out of order, every sample is worked out by `all`.
 */
export function createGradeAdjustedSpeedAt(
  smooth: Float64Array,
  distance: Float64Array,
  speedMps: Float64Array,
  flat: boolean,
  options: Pick<AnalysisOptions, 'gradeWindowM'>,
  monotone: boolean,
  all: () => SampleGrades,
): (i: number) => number {
  const n = smooth.length;
  const half = options.gradeWindowM / 2;
  let lo = 0;
  let hi = 0;
  let asked = 0;
  return (i) => {
    if (flat) return flatEquivalentSpeed(speedMps[i] as number, 0);
    if (!monotone || i < asked) return all().gasMps[i] as number;
    asked = i;
    const v = speedMps[i] as number;
    const d = distance[i] as number;
    if (!Number.isFinite(d) || !Number.isFinite(smooth[i])) return v;
    // The pointers of `sampleGrades`, moved from where the last sample asked for left them.
    while (lo < i && !((distance[lo] as number) >= d - half && Number.isFinite(smooth[lo]))) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < n && (distance[hi + 1] as number) <= d + half) hi++;
    while (hi > i && !Number.isFinite(smooth[hi])) hi--;
    const run = (distance[hi] as number) - (distance[lo] as number);
    if (!(run >= half)) return v;
    const g = ((smooth[hi] as number) - (smooth[lo] as number)) / run;
    return Number.isFinite(g) ? flatEquivalentSpeed(v, g) : v;
  };
}
