import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';
import type { RunningSamples } from './running-samples.ts';
import { weightedMedianOfDifferences } from './weighted-stats.ts';

/** Sub-sports run on a machine or a track, where the ground is flat whatever the altitude says. */
const FLAT_SUB_SPORTS = new Set(['treadmill', 'indoorRunning', 'indoor_running', 'track', 'virtualActivity']);

/**
 * Whether the run's grade can be trusted for grade-adjusted figures, and why not when not.
 * `flat` runs (treadmill, indoor, track) need no altitude: their grade is zero.
 */
export interface AltitudeQuality {
  readonly trusted: boolean;
  readonly flat: boolean;
  /** Share (0..1) of running time with an altitude value. */
  readonly coverage: number;
  /** Robust SD (m) of altitude around its smoothed profile; null without altitude. */
  readonly noiseM: number | null;
  /** Fastest climb or drop of the smoothed profile over a minute (m/s); null without altitude. */
  readonly maxVerticalSpeedMps: number | null;
  readonly reason: string | null;
}

/** True when the run was on a treadmill, indoors or on a track. */
export function isFlatRun(activity: Activity): boolean {
  return activity.subSport !== null && FLAT_SUB_SPORTS.has(activity.subSport);
}

/**
 * Judges the altitude of the running samples: it must cover `minAltitudeCoverage` of running
 * time, its noise around a 30-s smoothed profile must stay within `maxAltitudeNoiseM` (GPS-only
 * altitude wanders by metres from second to second; a barometer does not), and the smoothed
 * profile must never rise or fall faster than `maxVerticalSpeedMps` over a minute (no runner
 * climbs 90 m a minute; a barometer spike or a GPS jump does).
 */
export function altitudeQuality(
  activity: Activity,
  rs: RunningSamples,
  options: AnalysisOptions,
): AltitudeQuality {
  const flat = isFlatRun(activity);
  const { time } = activity.samples;
  const altitude = rs.altitudeM;
  const { running, weightS } = rs;
  let covered = 0;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    if (Number.isFinite(altitude[i])) covered += weightS[i] as number;
  }
  const coverage = rs.runningTimeS > 0 ? covered / rs.runningTimeS : 0;
  if (coverage === 0)
    return {
      trusted: flat,
      flat,
      coverage,
      noiseM: null,
      maxVerticalSpeedMps: null,
      reason: flat ? null : 'The file has no altitude, so hills cannot be taken into account.',
    };
  const smooth = rs.smoothAltitudeM;
  const mad = weightedMedianOfDifferences(altitude, smooth, rs.weightS, rs.running);
  const noiseM = mad === null ? null : 1.4826 * mad;
  let maxVertical = 0;
  let j = 0;
  for (let k = 0; k < running.length; k++) {
    const i = running[k] as number;
    const t = time[i] as number;
    // The first running sample within the last minute (j never passes k: t − 60 < t).
    while (j < running.length && (time[running[j] as number] as number) < t - 60) j++;
    const a = running[j] as number;
    const dt = t - (time[a] as number);
    if (dt >= 30) {
      const rate = Math.abs((smooth[i] as number) - (smooth[a] as number)) / dt;
      if (rate > maxVertical) maxVertical = rate;
    }
  }
  const base = { flat, coverage, noiseM, maxVerticalSpeedMps: maxVertical };
  if (flat) return { ...base, trusted: true, reason: null };
  if (coverage < options.minAltitudeCoverage)
    return {
      ...base,
      trusted: false,
      reason: `Altitude covers only ${Math.round(coverage * 100)}% of the running time, so hills cannot be taken into account.`,
    };
  if (noiseM !== null && noiseM > options.maxAltitudeNoiseM)
    return {
      ...base,
      trusted: false,
      reason: `The altitude is too noisy (±${noiseM.toFixed(1)} m from second to second) to measure grade.`,
    };
  if (maxVertical > options.maxVerticalSpeedMps)
    return {
      ...base,
      trusted: false,
      reason: `The altitude jumps implausibly (${Math.round(maxVertical * 60)} m in a minute), so grade cannot be trusted.`,
    };
  return { ...base, trusted: true, reason: null };
}
