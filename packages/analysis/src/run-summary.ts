import type { RunSummary } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';

/**
 * Totals for the run: distance (the run distance clock: only running sessions count), moving time
 * (running + walking with the timer on), running and walking time, elapsed time (the running
 * legs end to end), pace, heart rate, and climb from smoothed altitude with hysteresis, leg by leg
 * (heart rate and walk breaks counted as the samples were classified, climb as the altitude was
 * smoothed).
 */
export function runSummary(
  rs: Pick<RunningSamples, 'timeline' | 'climb' | 'runningTimeS' | 'walkTimeS' | 'last' | 'tally'>,
): RunSummary {
  const { timeline } = rs;
  // Heart rate and walk breaks were counted as the samples were classified.
  const { heartRateSum, heartRateWeightS, maxHeartRate, walkBreakCount } = rs.tally;
  const distanceM = rs.last >= 0 ? (timeline.runDistanceM[rs.last] ?? 0) : 0;
  const movingTimeS = rs.runningTimeS + rs.walkTimeS;
  return {
    distanceM,
    movingTimeS,
    elapsedS: rs.last >= 0 ? (timeline.runElapsedS[rs.last] ?? 0) : 0,
    runningTimeS: rs.runningTimeS,
    walkTimeS: rs.walkTimeS,
    paceSPerKm: distanceM > 0 ? movingTimeS / (distanceM / 1000) : null,
    avgHeartRate: heartRateWeightS > 0 ? heartRateSum / heartRateWeightS : null,
    maxHeartRate: maxHeartRate > 0 ? maxHeartRate : null,
    elevationGainM: rs.climb.gainM,
    elevationLossM: rs.climb.lossM,
    walkBreakCount,
  };
}
