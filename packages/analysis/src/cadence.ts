import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import type { CadenceAnalysis, CadenceBands, LowCadenceStretch } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { scratchFloat64 } from './scratch.ts';
import { SlidingMedian } from './sliding-median.ts';
import { weightedMean, weightedMedian, weightedSlope } from './weighted-stats.ts';

/** Centred rolling median of `values` over `windowS` seconds, computed over the given samples only. */
function rollingMedian(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  indices: readonly number[],
  windowS: number,
): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const half = windowS / 2;
  const picked = scratchFloat64('cadence-picked', indices.length);
  for (let k = 0; k < indices.length; k++) {
    const v = values[indices[k] ?? 0] ?? NaN;
    picked[k] = Number.isFinite(v) ? v : NaN;
  }
  const window = SlidingMedian.over(picked);
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < indices.length; k++) {
    const t = time[indices[k] ?? 0] ?? NaN;
    while (lo < k && (time[indices[lo] ?? 0] ?? -Infinity) < t - half) lo++;
    if (hi < k) hi = k;
    while (hi + 1 < indices.length && (time[indices[hi + 1] ?? 0] ?? Infinity) <= t + half) hi++;
    window.moveTo(lo, hi);
    if (window.count === 0) continue;
    out[indices[k] ?? 0] = window.median();
  }
  return out;
}

function bandsOf(
  cadence: Float64Array,
  weights: Float64Array,
  indices: readonly number[],
): { bands: CadenceBands; coveredS: number } {
  const sums = [0, 0, 0, 0];
  let coveredS = 0;
  for (const i of indices) {
    const c = cadence[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(c) || w <= 0) continue;
    const band = c < 160 ? 0 : c < 170 ? 1 : c < 180 ? 2 : 3;
    sums[band] = (sums[band] ?? 0) + w;
    coveredS += w;
  }
  const share = (k: number): number => (coveredS > 0 ? (sums[k] ?? 0) / coveredS : 0);
  return {
    bands: { below160: share(0), from160to170: share(1), from170to180: share(2), above180: share(3) },
    coveredS,
  };
}

/** Runs of consecutive running samples whose smoothed cadence stays below the threshold for long enough. */
function lowStretches(activity: Activity, rs: RunningSamples, options: AnalysisOptions): LowCadenceStretch[] {
  const { time } = activity.samples;
  const { cadence } = rs.channels;
  const { runElapsedS, runDistanceM } = rs.timeline;
  const smooth = rollingMedian(time, cadence, rs.running, options.cadenceSmoothingS);
  const stretches: LowCadenceStretch[] = [];
  let current: number[] = [];
  const close = (): void => {
    let durationS = 0;
    for (const i of current) durationS += rs.weightS[i] ?? 0;
    const first = current[0];
    const last = current[current.length - 1];
    if (first !== undefined && last !== undefined && durationS > options.minLowCadenceStretchS) {
      const d = runDistanceM[first] ?? NaN;
      stretches.push({
        startElapsedS: (runElapsedS[first] ?? 0) - (rs.weightS[first] ?? 0),
        endElapsedS: runElapsedS[last] ?? 0,
        startDistanceM: Number.isFinite(d) ? d : null,
        durationS,
        medianSpm: weightedMedian(cadence, rs.weightS, current) ?? NaN,
      });
    }
    current = [];
  };
  let previous = -2;
  for (const i of rs.running) {
    const low = (smooth[i] ?? NaN) < options.cadenceThresholdSpm;
    if (!low || i !== previous + 1) close();
    if (low) current.push(i);
    previous = i;
  }
  close();
  return stretches;
}

/**
 * Cadence over running samples (walk breaks and pauses excluded), time-weighted: median, mean,
 * bands, the share below the athlete's threshold (a missing cadence, including 0 while moving,
 * counts in neither: see `AnalysisChannels`), stretches below it longer than
 * `minLowCadenceStretchS` (judged on a rolling median so single-sample flicker neither starts nor
 * breaks one), and the slope of cadence against speed.
 */
export function cadenceAnalysis(
  activity: Activity,
  rs: RunningSamples,
  options: AnalysisOptions,
): CadenceAnalysis {
  const { cadence } = rs.channels;
  const { bands, coveredS } = bandsOf(cadence, rs.weightS, rs.running);
  if (coveredS === 0) {
    return {
      medianSpm: null,
      meanSpm: null,
      thresholdSpm: options.cadenceThresholdSpm,
      shareBelowThreshold: null,
      bands: null,
      stretchesBelow: [],
      speedSlopeSpmPerMps: null,
      coveredS: 0,
    };
  }
  let belowS = 0;
  for (const i of rs.running) {
    if ((cadence[i] ?? NaN) < options.cadenceThresholdSpm) belowS += rs.weightS[i] ?? 0;
  }
  return {
    medianSpm: weightedMedian(cadence, rs.weightS, rs.running),
    meanSpm: weightedMean(cadence, rs.weightS, rs.running),
    thresholdSpm: options.cadenceThresholdSpm,
    shareBelowThreshold: belowS / coveredS,
    bands,
    stretchesBelow: lowStretches(activity, rs, options),
    speedSlopeSpmPerMps: weightedSlope(rs.speedMps, cadence, rs.weightS, rs.running),
    coveredS,
  };
}
