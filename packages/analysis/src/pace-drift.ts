import type { AnalysisOptions } from './analysis-options.ts';
import type { PaceDrift } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { runHalves, warmupTrimS } from './running-windows.ts';
import { weightedMean } from './weighted-stats.ts';

function slowdown(
  first: number | null,
  second: number | null,
): { percent: number | null; secondsPerKm: number | null } {
  if (first === null || second === null || first <= 0 || second <= 0)
    return { percent: null, secondsPerKm: null };
  return { percent: ((first - second) / first) * 100, secondsPerKm: 1000 / second - 1000 / first };
}

/**
 * Pace drift: time-weighted grade-adjusted speed in the second half of running time against the
 * first half, after the warm-up trim, as % slowdown and s/km (positive = slower). Also reports
 * the same comparison on raw speed, so a reader can see what the grade adjustment removed.
 * `gasMps` is the grade-adjusted speed per sample; `adjusted` says whether any grade was known.
 */
export function paceDrift(
  rs: RunningSamples,
  gasMps: Float64Array,
  adjusted: boolean,
  options: AnalysisOptions,
): PaceDrift {
  if (rs.runningTimeS < options.minDriftRunningS) {
    return {
      percent: null,
      secondsPerKm: null,
      firstHalfGasMps: null,
      secondHalfGasMps: null,
      warmupTrimS: warmupTrimS(rs.runningTimeS, options),
      gradeAdjusted: adjusted,
      rawPercent: null,
    };
  }
  const { trimS, first, second } = runHalves(rs, options);
  const gas1 = weightedMean(gasMps, rs.weightS, first);
  const gas2 = weightedMean(gasMps, rs.weightS, second);
  const raw = slowdown(
    weightedMean(rs.speedMps, rs.weightS, first),
    weightedMean(rs.speedMps, rs.weightS, second),
  );
  return {
    ...slowdown(gas1, gas2),
    firstHalfGasMps: gas1,
    secondHalfGasMps: gas2,
    warmupTrimS: trimS,
    gradeAdjusted: adjusted,
    rawPercent: raw.percent,
  };
}
