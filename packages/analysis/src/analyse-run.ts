import type { Activity } from '@runcue/fit';
import { resolveAnalysisOptions, type AnalysisOptions } from './analysis-options.ts';
import { cadenceAnalysis } from './cadence.ts';
import { decoupling } from './decoupling.ts';
import { formDecay } from './form-decay.ts';
import { gradeAdjustedSpeed } from './grade-adjusted-speed.ts';
import { paceDrift } from './pace-drift.ts';
import { ANALYSIS_VERSION, type RunAnalysis } from './run-analysis.ts';
import { runSummary } from './run-summary.ts';
import { isRunActivity, runningSamples } from './running-samples.ts';

/**
 * Analyses one activity: summary, cadence, grade-adjusted pace drift, aerobic decoupling and
 * late-run form decay, with every threshold taken from `options` (defaults in
 * `defaultAnalysisOptions`). Pure: the activity is only read. For an activity that is not a run
 * the result has `isRun: false`, the summary, and the run-only metrics empty with the reason.
 */
export function analyseRun(activity: Activity, options: Partial<AnalysisOptions> = {}): RunAnalysis {
  const opts = resolveAnalysisOptions(options);
  const rs = runningSamples(activity, opts);
  const summary = runSummary(activity, rs, opts);
  const gas = gradeAdjustedSpeed(activity, rs.speedMps, opts);
  if (!isRunActivity(activity)) {
    const empty = runningSamples(activity, {
      ...opts,
      minRunningSpeedMps: Infinity,
      minRunningCadenceSpm: Infinity,
    });
    return {
      version: ANALYSIS_VERSION,
      isRun: false,
      summary,
      cadence: cadenceAnalysis(activity, empty, opts),
      paceDrift: paceDrift(empty, gas.speedMps, gas.adjusted, opts),
      decoupling: {
        percent: null,
        rating: null,
        eligible: false,
        reason: `Decoupling is measured on runs; this activity is ${activity.sport}.`,
        firstHalfEf: null,
        secondHalfEf: null,
      },
      formDecay: formDecay(activity, empty, gas.speedMps, opts),
    };
  }
  return {
    version: ANALYSIS_VERSION,
    isRun: true,
    summary,
    cadence: cadenceAnalysis(activity, rs, opts),
    paceDrift: paceDrift(rs, gas.speedMps, gas.adjusted, opts),
    decoupling: decoupling(activity, rs, gas.speedMps, opts),
    formDecay: formDecay(activity, rs, gas.speedMps, opts),
  };
}
