import type { AnalysisOptions } from './analysis-options.ts';
import type { RunConditions } from './pace-drift.ts';
import type { Decoupling, DecouplingRating } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { runHalves } from './running-windows.ts';

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
  const { gasMps, weightS, running } = rs;
  let hrS = 0;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    if ((hr[i] as number) > 0) hrS += weightS[i] as number;
  }
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
  // Weighted means of grade-adjusted speed and of heart rate over the samples with a heart rate
  // (each skipping samples without a value or weight, as `weightedMean` does).
  const ef = (indices: Int32Array): number | null => {
    let speedSum = 0;
    let speedS = 0;
    let heartSum = 0;
    let heartS = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      const h = hr[i] as number;
      if (!(h > 0)) continue;
      const w = weightS[i] as number;
      if (!(w > 0)) continue;
      const v = gasMps[i] as number;
      if (Number.isFinite(v)) {
        speedSum += v * w;
        speedS += w;
      }
      if (Number.isFinite(h)) {
        heartSum += h * w;
        heartS += w;
      }
    }
    const speed = speedS > 0 ? speedSum / speedS : null;
    const heart = heartS > 0 ? heartSum / heartS : null;
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
