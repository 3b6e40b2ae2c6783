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

/**
 * Grade at every sample, from smoothed altitude (`smoothAltitude`) across `gradeWindowM` of run
 * distance; NaN where unknown. `distance` is the run's own distance clock (monotone inside the
 * run, NaN outside it).
 */
export function sampleGrades(
  smooth: Float64Array,
  distance: Float64Array,
  options: Pick<AnalysisOptions, 'gradeWindowM'>,
): Float64Array {
  const n = smooth.length;
  const grades = scratchFloat64('grade', n).fill(NaN);
  const half = options.gradeWindowM / 2;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const d = distance[i] as number;
    if (!Number.isFinite(d) || !Number.isFinite(smooth[i])) continue;
    // Two pointers over (mostly monotone) distance: the first sample at d − half, the last at d + half.
    while (lo < i && !((distance[lo] as number) >= d - half && Number.isFinite(smooth[lo]))) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < n && (distance[hi + 1] as number) <= d + half) hi++;
    while (hi > i && !Number.isFinite(smooth[hi])) hi--;
    const run = (distance[hi] as number) - (distance[lo] as number);
    if (run >= half) grades[i] = ((smooth[hi] as number) - (smooth[lo] as number)) / run;
  }
  return grades;
}

/**
 * Grade-adjusted (flat-equivalent) speed for every sample given its grade, and whether any grade
 * was known. Where a sample's grade is unknown its raw speed is used unchanged.
 */
export function gradeAdjustedSpeed(
  speedMps: Float64Array,
  grades: Float64Array,
): { speedMps: Float64Array; adjusted: boolean } {
  const out = scratchFloat64('gas', speedMps.length);
  let adjusted = false;
  for (let i = 0; i < out.length; i++) {
    const v = speedMps[i] as number;
    const g = grades[i] as number;
    if (Number.isFinite(g)) adjusted = true;
    out[i] = Number.isFinite(g) ? flatEquivalentSpeed(v, g) : v;
  }
  return { speedMps: out, adjusted };
}
