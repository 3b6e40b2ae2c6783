import type { Activity } from '@runcue/fit';
import { altitudeQuality } from './altitude-quality.ts';
import { resolveAnalysisOptions, type AnalysisOptions } from './analysis-options.ts';
import { cadenceAnalysis } from './cadence.ts';
import { decoupling } from './decoupling.ts';
import { formDecay } from './form-decay.ts';
import { mergeSameTime } from './merge-same-time.ts';
import { driftDisagreement, paceDrift } from './pace-drift.ts';
import { ANALYSIS_VERSION, type RunAnalysis } from './run-analysis.ts';
import { runSummary } from './run-summary.ts';
import {
  allStopped,
  classifySamples,
  countMoving,
  isRunActivity,
  noLap,
  sampleBase,
  type RunningSamples,
  type StageLap,
} from './running-samples.ts';
import { steadiness } from './steadiness.ts';
import { weightedMedian, weightedMedianAbove } from './weighted-stats.ts';

/**
 * Why a file labelled as a run cannot be one, or null: a median running speed above
 * `maxRunningMedianSpeedMps` over at least five minutes (faster than the 10 000-m world record)
 * is a ride or a drive recorded as a run, and counting it would put kilometres no one ran into the
 * runner's weekly load.
 */
function fasterThanRunning(rs: RunningSamples, options: AnalysisOptions): string | null {
  if (rs.runningTimeS < 300) return null;
  if (!weightedMedianAbove(rs.speedMps, rs.weightS, rs.running, options.maxRunningMedianSpeedMps))
    return null;
  const kmh = Math.round((weightedMedian(rs.speedMps, rs.weightS, rs.running) ?? NaN) * 3.6);
  return `The file says running, but it moved at a median of ${kmh} km/h, faster than anyone runs: probably a ride recorded as a run, so it is not analysed or counted as one.`;
}

/** Speed limit on distance growth for activities that are not runs (a fast descent on a bike). */
const NON_RUN_MAX_SPEED_MPS = 60;

/**
 * Analyses one activity: summary, cadence, grade-adjusted pace drift, aerobic decoupling and
 * late-run form decay, with every threshold taken from `options` (defaults in
 * `defaultAnalysisOptions`). Pure: the activity is only read. Records that share a timestamp are first merged into one
 * sample (`mergeSameTime`: phone apps write one channel per record). Only running sessions count. Drift
 * and decoupling are eligible only on steady runs with trustworthy grade, form decay only where
 * the late window is comparable with the reference; each says why when not. For an activity that
 * is not a run the result has `isRun: false`, the summary, and the run-only metrics empty with the
 * reason.
 */
export function analyseRun(file: Activity, options: Partial<AnalysisOptions> = {}): RunAnalysis {
  return analyse(file, options, noLap);
}

/**
 * `analyseRun` with the time each of its stages takes, read from the injected clock `nowMs` (for
 * benchmarks: where the analysis of a run spends its time).
 */
export function analyseRunStages(
  activity: Activity,
  options: Partial<AnalysisOptions>,
  nowMs: () => number,
): { analysis: RunAnalysis; stages: { stage: string; ms: number }[] } {
  const stages: { stage: string; ms: number }[] = [];
  let last = nowMs();
  const analysis = analyse(activity, options, (stage) => {
    const now = nowMs();
    stages.push({ stage, ms: now - last });
    last = now;
  });
  return { analysis, stages };
}

/** `options` with thresholds no sample reaches: nothing is running or walking. */
function nothingRuns(options: AnalysisOptions): AnalysisOptions {
  return { ...options, minRunningSpeedMps: Infinity, minRunningCadenceSpm: Infinity };
}

/**
 * The analysis of an activity that is not analysed as a run (another sport, or a "run" faster than
 * anyone runs: `implausible` says why): the summary, and the run-only metrics of `empty` (the
 * samples with nothing running) with the reason.
 */
function notAnalysed(
  activity: Activity,
  empty: RunningSamples,
  summary: RunAnalysis['summary'],
  implausible: string | null,
  opts: AnalysisOptions,
): RunAnalysis {
  const reason = implausible ?? `This activity is ${activity.sport}, not a run.`;
  const conditions = {
    steadiness: { ...steadiness(empty, opts), steady: false, reason },
    altitude: { ...altitudeQuality(activity, empty, opts), trusted: false, reason },
  };
  return {
    version: ANALYSIS_VERSION,
    isRun: false,
    notRunReason: reason,
    summary,
    cadence: cadenceAnalysis(activity, empty, opts),
    paceDrift: { ...paceDrift(empty, conditions, opts), reason },
    decoupling: {
      percent: null,
      rating: null,
      eligible: false,
      reason: implausible ?? `Decoupling is measured on runs; this activity is ${activity.sport}.`,
      firstHalfEf: null,
      secondHalfEf: null,
    },
    formDecay: { ...formDecay(empty, conditions.altitude, opts), reason },
  };
}

function analyse(file: Activity, options: Partial<AnalysisOptions>, lap: StageLap): RunAnalysis {
  const activity = mergeSameTime(file);
  lap('same-time records');
  const run = isRunActivity(activity);
  // Distance of a ride or a swim is the device's: the runner's speed limit only guards runs.
  const opts = resolveAnalysisOptions(run ? options : { maxSpeedMps: NON_RUN_MAX_SPEED_MPS, ...options });
  // Only a run reads grade for sure; another activity reads it for a slow sample that might be hiking.
  const base = sampleBase(activity, opts, lap, run);
  if (!run) {
    // Only the summary is read of the classification: its totals, counted without arrays.
    const moving = countMoving(base, opts);
    lap('sample kinds');
    const summary = runSummary(moving);
    lap('summary');
    // The same samples with nothing counted as running: the base does not depend on those thresholds.
    const empty = moving.motion ? allStopped(base) : classifySamples(base, nothingRuns(opts));
    return notAnalysed(activity, empty, summary, null, opts);
  }
  const rs = classifySamples(base, opts, lap);
  const summary = runSummary(rs);
  lap('summary');
  const implausible = fasterThanRunning(rs, opts);
  if (implausible !== null)
    return notAnalysed(activity, classifySamples(base, nothingRuns(opts)), summary, implausible, opts);
  const conditions = { steadiness: steadiness(rs, opts), altitude: altitudeQuality(activity, rs, opts) };
  lap('steadiness and altitude quality');
  const drift = paceDrift(rs, conditions, opts);
  lap('pace drift');
  const gasPercent =
    drift.firstHalfGasMps !== null && drift.secondHalfGasMps !== null && drift.firstHalfGasMps > 0
      ? (100 * (drift.firstHalfGasMps - drift.secondHalfGasMps)) / drift.firstHalfGasMps
      : null;
  const gradeDisagreement = drift.gradeAdjusted
    ? driftDisagreement(gasPercent, drift.rawPercent ?? null, opts)
    : null;
  const cadence = cadenceAnalysis(activity, rs, opts);
  lap('cadence');
  const decoupled = decoupling(rs, { ...conditions, gradeDisagreement }, opts);
  lap('decoupling');
  const form = formDecay(rs, conditions.altitude, opts);
  lap('form decay');
  return {
    version: ANALYSIS_VERSION,
    isRun: true,
    notRunReason: null,
    summary,
    cadence,
    paceDrift: drift,
    decoupling: decoupled,
    formDecay: form,
  };
}
