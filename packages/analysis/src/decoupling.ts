import type { AnalysisOptions } from './analysis-options.ts';
import type { RunConditions } from './pace-drift.ts';
import type { Decoupling, DecouplingRating } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { runHalves } from './running-windows.ts';
import { weightedMean } from './weighted-stats.ts';

function ineligible(reason: string): Decoupling {
  return { percent: null, rating: null, eligible: false, reason, firstHalfEf: null, secondHalfEf: null };
}

/** Rates a decoupling percentage against the athlete's bands. */
function rateDecoupling(percent: number, options: AnalysisOptions): DecouplingRating {
  if (percent < options.decouplingGoodBelowPercent) return 'good';
  return percent > options.decouplingHighAbovePercent ? 'high' : 'moderate';
}

/**
 * Aerobic decoupling (Pa:HR): efficiency factor EF = grade-adjusted speed ÷ heart rate in each
 * half of running time after the warm-up; decoupling = (EF₁ − EF₂)/EF₁ × 100. Only for runs with
 * heart rate on most of their running time and at least `minDecouplingRunningS` of running, that
 * were one steady effort and whose grade can be trusted (or that were run on the flat); otherwise
 * `eligible` is false and `reason` says why.
 */
export function decoupling(
  rs: RunningSamples,
  conditions: RunConditions & { readonly gradeDisagreement: string | null },
  options: AnalysisOptions,
): Decoupling {
  const hr = rs.channels.heartRate;
  const gasMps = rs.gasMps;
  let hrS = 0;
  for (const i of rs.running) if ((hr[i] ?? NaN) > 0) hrS += rs.weightS[i] ?? 0;
  if (hrS === 0) return ineligible('The file has no heart rate.');
  if (rs.runningTimeS < options.minDecouplingRunningS) {
    const need = Math.round(options.minDecouplingRunningS / 60);
    return ineligible(
      `Only ${Math.round(rs.runningTimeS / 60)} min of running; decoupling needs at least ${need} min.`,
    );
  }
  if (hrS < options.minHeartRateCoverage * rs.runningTimeS) {
    return ineligible(
      `Heart rate covers only ${Math.round((100 * hrS) / rs.runningTimeS)}% of running time.`,
    );
  }
  const unfit = conditions.steadiness.reason ?? conditions.altitude.reason ?? conditions.gradeDisagreement;
  if (unfit !== null) return ineligible(unfit);
  const { first, second } = runHalves(rs, options);
  const ef = (indices: number[]): number | null => {
    const withHr = indices.filter((i) => (hr[i] ?? NaN) > 0);
    const speed = weightedMean(gasMps, rs.weightS, withHr);
    const heart = weightedMean(hr, rs.weightS, withHr);
    return speed !== null && heart !== null && heart > 0 ? speed / heart : null;
  };
  const ef1 = ef(first);
  const ef2 = ef(second);
  if (ef1 === null || ef2 === null || ef1 <= 0)
    return ineligible('Speed or heart rate is missing in one half of the run.');
  const percent = ((ef1 - ef2) / ef1) * 100;
  return {
    percent,
    rating: rateDecoupling(percent, options),
    eligible: true,
    reason: null,
    firstHalfEf: ef1,
    secondHalfEf: ef2,
  };
}
