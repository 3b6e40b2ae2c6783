import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import type { CadenceAnalysis, CadenceBands, LowCadenceStretch } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { rollingMedianBelow } from './rolling-median-below.ts';
import { weightedMean, weightedMedian, weightedSlope } from './weighted-stats.ts';

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
  // Judged on a rolling median, so that single-sample flicker neither starts nor breaks a stretch.
  const low = rollingMedianBelow(
    time,
    cadence,
    rs.running,
    options.cadenceSmoothingS,
    options.cadenceThresholdSpm,
  );
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
  for (let k = 0; k < rs.running.length; k++) {
    const i = rs.running[k] as number;
    const isLow = low[k] === 1;
    if (!isLow || i !== previous + 1) close();
    if (isLow) current.push(i);
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
