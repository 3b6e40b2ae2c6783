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
 * Totals for the analysed part of an activity: distance, moving time (running + walking with the
 * timer on), running and walking time, elapsed time, pace, heart rate, and climb from smoothed
 * altitude with hysteresis. Distance comes from the distance channel, or from speed × time when
 * the file has none.
 */
export function runSummary(activity: Activity, rs: RunningSamples, options: AnalysisOptions): RunSummary {
  const { time, distance, altitude, heartRate } = activity.samples;
  const scope: number[] = [];
  for (let i = rs.first; i >= 0 && i <= rs.last; i++) scope.push(i);
  const moving = scope.filter((i) => rs.kind[i] === SampleKind.running || rs.kind[i] === SampleKind.walking);
  let distanceM = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const i of scope) {
    const d = distance[i] ?? NaN;
    if (!Number.isFinite(d)) continue;
    low = Math.min(low, d);
    high = Math.max(high, d);
  }
  if (high > low) distanceM = high - low;
  else for (const i of moving) distanceM += (rs.speedMps[i] ?? 0) * (rs.weightS[i] ?? 0) || 0;
  const movingTimeS = rs.runningTimeS + rs.walkTimeS;
  let maxHeartRate: number | null = null;
  for (const i of scope) {
    const h = heartRate[i] ?? NaN;
    if (h > 0 && (maxHeartRate === null || h > maxHeartRate)) maxHeartRate = h;
  }
  const climb = elevationChange(
    smoothAltitude(time, altitude, options.altitudeSmoothingS),
    scope,
    options.elevationHysteresisM,
  );
  return {
    distanceM,
    movingTimeS,
    elapsedS: rs.first >= 0 ? (time[rs.last] ?? 0) - (time[rs.first] ?? 0) : 0,
    runningTimeS: rs.runningTimeS,
    walkTimeS: rs.walkTimeS,
    paceSPerKm: distanceM > 0 ? movingTimeS / (distanceM / 1000) : null,
    avgHeartRate: weightedMean(
      heartRate.map((h) => (h > 0 ? h : NaN)),
      rs.weightS,
      moving,
    ),
    maxHeartRate,
    elevationGainM: climb?.gainM ?? null,
    elevationLossM: climb?.lossM ?? null,
    walkBreakCount: countWalkBreaks(rs, options.minWalkBreakS),
  };
}
