import type { AnalysisOptions } from './analysis-options.ts';
import { elevationChange } from './altitude-profile.ts';
import type { RunSummary } from './run-analysis.ts';
import { SampleKind, type RunningSamples } from './running-samples.ts';

/**
 * Totals for the run: distance (the run distance clock: only running sessions count), moving time
 * (running + walking with the timer on), running and walking time, elapsed time (the running
 * legs end to end), pace, heart rate, and climb from smoothed altitude with hysteresis, leg by leg.
 */
export function runSummary(rs: RunningSamples, options: AnalysisOptions): RunSummary {
  const { timeline, kind, weightS } = rs;
  const { inRun } = timeline;
  const heartRate = rs.channels.heartRate;
  const minWalkBreakS = options.minWalkBreakS;
  let maxHeartRate = 0; // 0 while no sample of the run had a heart rate
  // Heart rate weighted by timer time over the moving samples (running and walking).
  let hrSum = 0;
  let hrWeight = 0;
  // Walk breaks: stretches of walking time of at least `minWalkBreakS`, ended by running or by
  // the end of a leg (stopped samples neither end nor lengthen one).
  let walkBreakCount = 0;
  let walkedS = 0;
  const { first, last } = rs;
  for (let i = first; i >= 0 && i <= last; i++) {
    const h = heartRate[i] as number;
    const k = kind[i];
    const w = weightS[i] as number;
    if ((k === SampleKind.running || k === SampleKind.walking) && Number.isFinite(h) && w > 0) {
      hrSum += h * w;
      hrWeight += w;
    }
    if (inRun[i] === 1 && h > maxHeartRate) maxHeartRate = h;
    if (k === SampleKind.walking) walkedS += w;
    else if (k === SampleKind.running || k === SampleKind.excluded) {
      if (walkedS >= minWalkBreakS) walkBreakCount++;
      walkedS = 0;
    }
  }
  if (walkedS >= minWalkBreakS) walkBreakCount++;
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
    maxHeartRate: maxHeartRate > 0 ? maxHeartRate : null,
    elevationGainM: gainM,
    elevationLossM: lossM,
    walkBreakCount,
  };
}
