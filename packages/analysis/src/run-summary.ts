import type { AnalysisOptions } from './analysis-options.ts';
import { elevationChange } from './altitude-profile.ts';
import type { RunSummary } from './run-analysis.ts';
import { SampleKind, type RunningSamples } from './running-samples.ts';

function countWalkBreaks(rs: RunningSamples, minS: number): number {
  let count = 0;
  let current = 0;
  for (let i = rs.first; i >= 0 && i <= rs.last; i++) {
    if (rs.kind[i] === SampleKind.walking) current += rs.weightS[i] ?? 0;
    else if (rs.kind[i] === SampleKind.running || rs.kind[i] === SampleKind.excluded) {
      if (current >= minS) count++;
      current = 0;
    }
  }
  return current >= minS ? count + 1 : count;
}

/**
 * Totals for the run: distance (the run distance clock: only running sessions count), moving time
 * (running + walking with the timer on), running and walking time, elapsed time (the running
 * legs end to end), pace, heart rate, and climb from smoothed altitude with hysteresis, leg by leg.
 */
export function runSummary(rs: RunningSamples, options: AnalysisOptions): RunSummary {
  const { timeline } = rs;
  const heartRate = rs.channels.heartRate;
  let maxHeartRate: number | null = null;
  // Heart rate weighted by timer time over the moving samples (running and walking).
  let hrSum = 0;
  let hrWeight = 0;
  for (let i = rs.first; i >= 0 && i <= rs.last; i++) {
    const h = heartRate[i] ?? NaN;
    const kind = rs.kind[i];
    const w = rs.weightS[i] ?? 0;
    if ((kind === SampleKind.running || kind === SampleKind.walking) && Number.isFinite(h) && w > 0) {
      hrSum += h * w;
      hrWeight += w;
    }
    if (timeline.inRun[i] === 1 && h > 0 && (maxHeartRate === null || h > maxHeartRate)) maxHeartRate = h;
  }
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
    avgHeartRate: hrWeight > 0 ? hrSum / hrWeight : null,
    maxHeartRate,
    elevationGainM: gainM,
    elevationLossM: lossM,
    walkBreakCount: countWalkBreaks(rs, options.minWalkBreakS),
  };
}
