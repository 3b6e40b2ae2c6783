import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import { elevationChange, smoothAltitude } from './altitude-profile.ts';
import type { RunSummary } from './run-analysis.ts';
import { SampleKind, type RunningSamples } from './running-samples.ts';
import { weightedMean } from './weighted-stats.ts';

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
export function runSummary(activity: Activity, rs: RunningSamples, options: AnalysisOptions): RunSummary {
  const { time } = activity.samples;
  const altitude = rs.altitudeM;
  const { timeline, channels } = rs;
  const moving: number[] = [];
  let maxHeartRate: number | null = null;
  for (let i = rs.first; i >= 0 && i <= rs.last; i++) {
    if (rs.kind[i] === SampleKind.running || rs.kind[i] === SampleKind.walking) moving.push(i);
    const h = channels.heartRate[i] ?? NaN;
    if (timeline.inRun[i] === 1 && h > 0 && (maxHeartRate === null || h > maxHeartRate)) maxHeartRate = h;
  }
  const distanceM = rs.last >= 0 ? (timeline.runDistanceM[rs.last] ?? 0) : 0;
  const movingTimeS = rs.runningTimeS + rs.walkTimeS;
  const smooth = smoothAltitude(time, altitude, options.altitudeSmoothingS);
  let gainM: number | null = null;
  let lossM: number | null = null;
  for (const leg of timeline.legs) {
    const indices: number[] = [];
    for (let i = leg.first; i <= leg.last; i++) indices.push(i);
    const climb = elevationChange(smooth, indices, options.elevationHysteresisM);
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
    avgHeartRate: weightedMean(channels.heartRate, rs.weightS, moving),
    maxHeartRate,
    elevationGainM: gainM,
    elevationLossM: lossM,
    walkBreakCount: countWalkBreaks(rs, options.minWalkBreakS),
  };
}
