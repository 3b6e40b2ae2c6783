import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import type { CadenceAnalysis, CadenceBands, LowCadenceStretch } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { rollingMedianBelow } from './rolling-median-below.ts';
import { weightedMean, weightedMedian, weightedSlope } from './weighted-stats.ts';

function bandsOf(
  cadence: Float64Array,
  weights: Float64Array,
  indices: Int32Array,
): { bands: CadenceBands; coveredS: number } {
  let below160 = 0;
  let from160to170 = 0;
  let from170to180 = 0;
  let above180 = 0;
  let coveredS = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const c = cadence[i] as number;
    const w = weights[i] as number;
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
  const { bands, coveredS } =
    cadence === null ? { bands: null, coveredS: 0 } : bandsOf(cadence, rs.weightS, rs.running);
  if (cadence === null || bands === null || coveredS === 0) {
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
  const { running, weightS } = rs;
  const threshold = options.cadenceThresholdSpm;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    if ((cadence[i] as number) < threshold) belowS += weightS[i] as number;
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
