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
  const { running, runningClockS, weightS, kind } = rs;
  const maxSampleIntervalS = options.maxSampleIntervalS;
  // Breaks, by wall-clock gaps between consecutive running samples after the warm-up.
  let longestBreakS = 0;
  let longestWalkedS = 0;
  let breaksS = 0;
  let previous = -1;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    if ((runningClockS[k] as number) <= trim) {
      previous = i;
      continue;
    }
    if (previous >= 0) {
      const gap = (elapsed[i] as number) - (elapsed[previous] as number) - (weightS[i] as number);
      // Recording gaps of a few seconds between running samples are not breaks.
      if (gap > maxSampleIntervalS) {
        breaksS += gap;
        if (gap > longestBreakS) {
          longestBreakS = gap;
          longestWalkedS = 0;
          for (let j = previous + 1; j < i; j++)
            if (kind[j] === SampleKind.walking) longestWalkedS += weightS[j] as number;
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
  const [raw, gas] = speedVariabilities(rs, trim, options.steadySmoothingS);
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
 * Time-weighted mean of a speed in consecutive bins of `binS` running seconds: each bin's sum of
 * speed × time and its time.
 */
class SpeedBins {
  readonly sums: number[] = [];
  readonly weights: number[] = [];

  add(b: number, v: number, w: number): void {
    const { sums, weights } = this;
    while (sums.length <= b) {
      sums.push(0);
      weights.push(0);
    }
    sums[b] = (sums[b] as number) + v * w;
    weights[b] = (weights[b] as number) + w;
  }

  /**
   * CV (%) of the bin means around the least-squares line through them; null with fewer than 4
   * bins. A bin needs most of its time (`binS / 2`): a half-empty last bin is as noisy as a few
   * samples.
   */
  variability(binS: number): number | null {
    const { sums, weights } = this;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let b = 0; b < sums.length; b++) {
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
}

/**
 * CV (%) of raw and of grade-adjusted speed, each averaged in consecutive bins of `binS` running
 * seconds after `trimS`, around the least-squares line through the bins (`SpeedBins`), from one
 * pass over the running samples; null with fewer than 4 bins.
 */
function speedVariabilities(rs: RunningSamples, trimS: number, binS: number): [number | null, number | null] {
  // No bins without running samples (an activity that is not a run): grade is not read for that.
  if (rs.running.length === 0) return [null, null];
  const { running, runningClockS, weightS, kind, speedMps, gasMps } = rs;
  const raw = new SpeedBins();
  const gas = new SpeedBins();
  for (let k = 0; k < running.length; k++) {
    const clock = runningClockS[k] as number;
    if (clock <= trimS) continue;
    const i = running[k] as number;
    const w = weightS[i] as number;
    if (!(w > 0) || kind[i] !== SampleKind.running) continue;
    const b = Math.floor((clock - trimS) / binS);
    const v = speedMps[i] as number;
    if (Number.isFinite(v)) raw.add(b, v, w);
    const g = gasMps[i] as number;
    if (Number.isFinite(g)) gas.add(b, g, w);
  }
  return [raw.variability(binS), gas.variability(binS)];
}
