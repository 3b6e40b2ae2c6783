import type { AnalysisOptions } from './analysis-options.ts';
import type { RunningSamples } from './running-samples.ts';
import { SampleKind } from './running-samples.ts';
import { warmupTrimS } from './running-windows.ts';

/**
 * Whether a run was steady enough for first-half-against-second-half figures (pace drift,
 * decoupling). Intervals, fartlek and long stops change pace and heart rate for reasons that have
 * nothing to do with fatigue, so comparing halves of such a run says nothing.
 */
export interface Steadiness {
  readonly steady: boolean;
  /** Coefficient of variation (%) of smoothed speed around its linear trend after the warm-up (raw or grade-adjusted, the lower). */
  readonly variabilityPercent: number | null;
  /** Longest break (stopped, walking or timer paused) after the warm-up, s. */
  readonly longestBreakS: number;
  /** All breaks after the warm-up, as a share of running time. */
  readonly breakShare: number;
  readonly reason: string | null;
}

/**
 * Measures steadiness after the warm-up trim. Speed: raw and grade-adjusted speed each averaged
 * over `steadySmoothingS` of running time (GPS noise averages out, a 400-m repeat does not), then
 * their coefficient of variation around a straight line through running time, so a gradual
 * slowdown — the drift being measured — is not itself taken for unsteadiness; the lower of the two
 * counts. Breaks: every stretch between
 * two running samples that was not running (standing, walking, the timer paused), by wall time.
 */
export function steadiness(rs: RunningSamples, options: AnalysisOptions): Steadiness {
  const trim = warmupTrimS(rs.runningTimeS, options);
  const elapsed = rs.timeline.runElapsedS;
  // Breaks, by wall-clock gaps between consecutive running samples after the warm-up.
  let longestBreakS = 0;
  let longestWalkedS = 0;
  let breaksS = 0;
  let previous = -1;
  for (let k = 0; k < rs.running.length; k++) {
    const i = rs.running[k] ?? 0;
    if ((rs.runningClockS[k] ?? 0) <= trim) {
      previous = i;
      continue;
    }
    if (previous >= 0) {
      const gap = (elapsed[i] ?? NaN) - (elapsed[previous] ?? NaN) - (rs.weightS[i] ?? 0);
      // Recording gaps of a few seconds between running samples are not breaks.
      if (gap > options.maxSampleIntervalS) {
        breaksS += gap;
        if (gap > longestBreakS) {
          longestBreakS = gap;
          longestWalkedS = 0;
          for (let j = previous + 1; j < i; j++)
            if (rs.kind[j] === SampleKind.walking) longestWalkedS += rs.weightS[j] ?? 0;
        }
      }
    }
    previous = i;
  }
  const afterTrim = rs.runningTimeS - trim;
  const breakShare = afterTrim > 0 ? breaksS / afterTrim : 0;
  // Steady in either sense is steady: even pace over hills (raw speed), or even effort (grade-
  // adjusted speed). Real runners rarely follow the energy-cost model up and down every hill, so
  // grade-adjusted speed alone makes a steady hilly run look like fartlek.
  const raw = speedVariability(rs, rs.speedMps, trim, options.steadySmoothingS);
  const gas = speedVariability(rs, rs.gasMps, trim, options.steadySmoothingS);
  const variabilityPercent = raw === null || gas === null ? (raw ?? gas) : Math.min(raw, gas);
  const base = { variabilityPercent, longestBreakS, breakShare };
  if (longestBreakS > options.maxBreakS) {
    const what = longestWalkedS > longestBreakS / 2 ? 'The runner walked' : 'The run stopped';
    return {
      ...base,
      steady: false,
      reason: `${what} for ${formatMinutes(longestBreakS)} after the warm-up, so its halves are not one steady effort.`,
    };
  }
  if (breakShare > options.maxBreakShare)
    return {
      ...base,
      steady: false,
      reason: `Stops and walk breaks took ${Math.round(breakShare * 100)}% of the running time after the warm-up, so its halves are not one steady effort.`,
    };
  if (variabilityPercent !== null && variabilityPercent > options.maxSpeedVariabilityPercent)
    return {
      ...base,
      steady: false,
      reason: `The pace varied too much to be one steady effort (intervals or fartlek: ${Math.round(variabilityPercent)}% variation of grade-adjusted pace).`,
    };
  return { ...base, steady: true, reason: null };
}

function formatMinutes(s: number): string {
  const m = Math.round(s / 60);
  return m >= 1 ? `${m} min` : `${Math.round(s)} s`;
}

/**
 * CV (%) of `speed` averaged in consecutive bins of `binS` running seconds after
 * `trimS`, around the least-squares line through the bins; null with fewer than 4 bins.
 */
function speedVariability(
  rs: RunningSamples,
  speed: Float64Array,
  trimS: number,
  binS: number,
): number | null {
  const sums: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < rs.running.length; k++) {
    const clock = rs.runningClockS[k] ?? 0;
    if (clock <= trimS) continue;
    const i = rs.running[k] ?? 0;
    const v = speed[i] ?? NaN;
    const w = rs.weightS[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0) || rs.kind[i] !== SampleKind.running) continue;
    const b = Math.floor((clock - trimS) / binS);
    while (sums.length <= b) {
      sums.push(0);
      weights.push(0);
    }
    sums[b] = (sums[b] ?? 0) + v * w;
    weights[b] = (weights[b] ?? 0) + w;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < sums.length; b++) {
    // A bin needs most of its time: a half-empty last bin is as noisy as a few samples.
    if ((weights[b] ?? 0) < binS / 2) continue;
    xs.push(b);
    ys.push((sums[b] ?? 0) / (weights[b] ?? 1));
  }
  const n = xs.length;
  if (n < 4) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let j = 0; j < n; j++) {
    sxx += ((xs[j] ?? 0) - mx) ** 2;
    sxy += ((xs[j] ?? 0) - mx) * ((ys[j] ?? 0) - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let ss = 0;
  for (let j = 0; j < n; j++) ss += ((ys[j] ?? 0) - (my + slope * ((xs[j] ?? 0) - mx))) ** 2;
  return my > 0 ? (100 * Math.sqrt(ss / (n - 2))) / my : null;
}
