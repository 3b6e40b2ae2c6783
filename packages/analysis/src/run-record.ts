import type { RunAnalysis } from './run-analysis.ts';

/**
 * The compact per-run record that multi-run trends work from: what the store keeps next to each
 * activity, without samples. Build the `analysis` part from a full RunAnalysis with `toRunRecordAnalysis`.
 */

export interface RunRecordAnalysis {
  /** Median cadence of the run's running samples, steps/min; null without cadence. */
  cadenceMedianSpm: number | null;
  /** Seconds of running time that had cadence: the weight of this run in weekly cadence figures. */
  cadenceCoveredS: number;
  /** The threshold the run's share below was measured against, steps/min. */
  cadenceThresholdSpm: number;
  /** Share (0..1) of running time below `cadenceThresholdSpm`; null without cadence. */
  shareBelowThreshold: number | null;
  formDecayDetected: boolean;
  /** Where decay started, as % of the run (by distance when known, else by elapsed time). */
  decayOnsetPercent: number | null;
  /** Aerobic decoupling %, null when the run was not eligible. */
  decouplingPercent: number | null;
  /** Grade-adjusted slowdown, second half vs first, %; null when too short. */
  paceDriftPercent: number | null;
}

export interface RunRecord {
  activityId: string;
  /** Start of the run, ISO 8601 UTC (or with offset). */
  startTime: string;
  /** The device's local offset from UTC in seconds at the start, when the file had it. */
  localOffsetS: number | null;
  distanceM: number;
  runningTimeS: number;
  /** Running and walking time with the timer on: the time the report and the activity list show. */
  movingTimeS?: number;
  /** The shoe the run was counted against; null when none was set. */
  shoeId: string | null;
  analysis: RunRecordAnalysis;
}

/**
 * Reduce a full RunAnalysis to the figures trends need. The decay onset becomes a percentage of the
 * run: by distance when both the onset and the run have one, else by elapsed time.
 */
export function toRunRecordAnalysis(analysis: RunAnalysis): RunRecordAnalysis {
  const { cadence, formDecay } = analysis;
  return {
    cadenceMedianSpm: cadence.medianSpm,
    cadenceCoveredS: cadence.coveredS,
    cadenceThresholdSpm: cadence.thresholdSpm,
    shareBelowThreshold: cadence.shareBelowThreshold,
    formDecayDetected: formDecay.detected,
    decayOnsetPercent: decayOnsetPercent(analysis),
    decouplingPercent: analysis.decoupling.percent,
    paceDriftPercent: analysis.paceDrift.percent,
  };
}

function decayOnsetPercent({ formDecay, summary }: RunAnalysis): number | null {
  const onset = formDecay.onset;
  if (!formDecay.detected || onset === null) return null;
  if (onset.distanceM !== null && summary.distanceM > 0) return (onset.distanceM / summary.distanceM) * 100;
  if (summary.elapsedS > 0) return (onset.elapsedS / summary.elapsedS) * 100;
  return null;
}
