import type { AnalysisOptions } from './analysis-options.ts';
import { elevationChange } from './altitude-profile.ts';
import type { RunSummary } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';

/**
 * Totals for the run: distance (the run distance clock: only running sessions count), moving time
 * (running + walking with the timer on), running and walking time, elapsed time (the running
 * legs end to end), pace, heart rate, and climb from smoothed altitude with hysteresis, leg by leg.
 */
export function runSummary(
  rs: Pick<RunningSamples, 'timeline' | 'smoothAltitudeM' | 'runningTimeS' | 'walkTimeS' | 'last' | 'tally'>,
  options: AnalysisOptions,
): RunSummary {
  const { timeline } = rs;
  // Heart rate and walk breaks were counted as the samples were classified.
  const { heartRateSum, heartRateWeightS, maxHeartRate, walkBreakCount } = rs.tally;
  const distanceM = rs.last >= 0 ? (timeline.runDistanceM[rs.last] ?? 0) : 0;
  const movingTimeS = rs.runningTimeS + rs.walkTimeS;
  const smooth = rs.smoothAltitudeM;
  let gainM: number | null = null;
  let lossM: number | null = null;
  for (const leg of timeline.legs) {
    const climb = elevationChange(smooth, leg.first, leg.last, options.elevationHysteresisM);
    if (climb === null) continue;
    gainM = (gainM ?? 0) + climb.gainM;
    lossM = (lossM ?? 0) + climb.lossM;
  }
  return {
    distanceM,
    movingTimeS,
    elapsedS: rs.last >= 0 ? (timeline.runElapsedS[rs.last] ?? 0) : 0,
    runningTimeS: rs.runningTimeS,
    walkTimeS: rs.walkTimeS,
    paceSPerKm: distanceM > 0 ? movingTimeS / (distanceM / 1000) : null,
    avgHeartRate: heartRateWeightS > 0 ? heartRateSum / heartRateWeightS : null,
    maxHeartRate: maxHeartRate > 0 ? maxHeartRate : null,
    elevationGainM: gainM,
    elevationLossM: lossM,
    walkBreakCount,
  };
}
