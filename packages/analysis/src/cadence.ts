import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import type { CadenceAnalysis, CadenceBands, LowCadenceStretch } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { rollingMedianBelow } from './rolling-median-below.ts';
import { slopeFromSums, weightedMedian } from './weighted-stats.ts';

/**
 * The sums the cadence figures take over the running samples, in one pass, each skipping what its
 * own figure skips and adding in the same order as a pass of its own: the time per band and in
 * all (`coveredS`: cadence and a positive weight), the time below `threshold`, the weighted sum
 * of cadence for its mean (as `weightedMean` adds it), and the first-pass sums of the slope of cadence
 * on speed (`slopeFromSums`).
 */
function cadenceSums(
  cadence: Float64Array,
  speed: Float64Array,
  weights: Float64Array,
  indices: Int32Array,
  threshold: number,
): {
  bands: CadenceBands;
  coveredS: number;
  belowS: number;
  meanSpm: number | null;
  slopeSums: { sw: number; sx: number; sy: number };
} {
  let below160 = 0;
  let from160to170 = 0;
  let from170to180 = 0;
  let above180 = 0;
  let coveredS = 0;
  let belowS = 0;
  let meanSum = 0;
  let meanWeight = 0;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const c = cadence[i] as number;
    const w = weights[i] as number;
    if (c < threshold) belowS += w;
    if (Number.isFinite(c) && w > 0) {
      meanSum += c * w;
      meanWeight += w;
      const v = speed[i] as number;
      if (Number.isFinite(v)) {
        sw += w;
        sx += w * v;
        sy += w * c;
      }
    }
    if (!Number.isFinite(c) || w <= 0) continue;
    if (c < 160) below160 += w;
    else if (c < 170) from160to170 += w;
    else if (c < 180) from170to180 += w;
    else above180 += w;
    coveredS += w;
  }
  const share = (sum: number): number => (coveredS > 0 ? sum / coveredS : 0);
  return {
    bands: {
      below160: share(below160),
      from160to170: share(from160to170),
      from170to180: share(from170to180),
      above180: share(above180),
    },
    coveredS,
    belowS,
    meanSpm: meanWeight > 0 ? meanSum / meanWeight : null,
    slopeSums: { sw, sx, sy },
  };
}

/** Runs of consecutive running samples whose smoothed cadence stays below the threshold for long enough. */
function lowStretches(activity: Activity, rs: RunningSamples, options: AnalysisOptions): LowCadenceStretch[] {
  const { time } = activity.samples;
  const { cadence } = rs.channels;
  const { runElapsedS, runDistanceM } = rs.timeline;
  // Judged on a rolling median, so that single-sample flicker neither starts nor breaks a stretch.
  const low = rollingMedianBelow(
    time,
    cadence,
    rs.running,
    options.cadenceSmoothingS,
    options.cadenceThresholdSpm,
  );
  const stretches: LowCadenceStretch[] = [];
  const { running, weightS } = rs;
  // The current stretch is running[from..k): consecutive samples, all low.
  let from = -1;
  const close = (to: number): void => {
    if (from < 0) return;
    const current = running.subarray(from, to);
    from = -1;
    let durationS = 0;
    for (let j = 0; j < current.length; j++) durationS += weightS[current[j] as number] as number;
    const first = current[0] as number;
    const last = current[current.length - 1] as number;
    if (durationS > options.minLowCadenceStretchS) {
      const d = runDistanceM[first] as number;
      stretches.push({
        startElapsedS: (runElapsedS[first] as number) - (weightS[first] as number),
        endElapsedS: runElapsedS[last] as number,
        startDistanceM: Number.isFinite(d) ? d : null,
        durationS,
        medianSpm: weightedMedian(cadence, weightS, current) ?? NaN,
      });
    }
  };
  let previous = -2;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    const isLow = low[k] === 1;
    if (!isLow || i !== previous + 1) close(k);
    if (isLow && from < 0) from = k;
    previous = i;
  }
  close(running.length);
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
  // Without running samples no cadence counts, and the channel is not cleaned for nothing.
  const cadence = rs.running.length === 0 ? null : rs.channels.cadence;
  const { running, weightS, speedMps } = rs;
  const threshold = options.cadenceThresholdSpm;
  const sums = cadence === null ? null : cadenceSums(cadence, speedMps, weightS, running, threshold);
  if (cadence === null || sums === null || sums.coveredS === 0) {
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
  const { bands, coveredS, belowS, meanSpm, slopeSums } = sums;
  return {
    medianSpm: weightedMedian(cadence, weightS, running),
    meanSpm,
    thresholdSpm: options.cadenceThresholdSpm,
    shareBelowThreshold: belowS / coveredS,
    bands,
    stretchesBelow: lowStretches(activity, rs, options),
    speedSlopeSpmPerMps: slopeFromSums(
      speedMps,
      cadence,
      weightS,
      running,
      slopeSums.sw,
      slopeSums.sx,
      slopeSums.sy,
    ),
    coveredS,
  };
}
