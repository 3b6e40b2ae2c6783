import type { Activity } from '@runcue/fit';
import { resolveAnalysisOptions, type AnalysisOptions } from './analysis-options.ts';
import { mergeSameTime } from './merge-same-time.ts';
import { runningSamples } from './running-samples.ts';

/** Cadence of each running sample against the run's own elapsed time, for charts. */
export interface CadenceTrace {
  /** Run elapsed time (s) of each running sample. */
  readonly elapsedS: Float64Array;
  /** Its cadence (steps/min), NaN where missing. */
  readonly cadenceSpm: Float64Array;
}

/**
 * The samples the cadence figures are measured on (running, timer on, inside the run's sessions,
 * cadence 0 while moving as missing), placed on the run's clock: a chart drawn from this agrees
 * with the figures, and a triathlon's run leg starts at 0:00 as its form-decay onset does.
 */
export function cadenceTrace(activity: Activity, options: Partial<AnalysisOptions> = {}): CadenceTrace {
  const rs = runningSamples(mergeSameTime(activity), resolveAnalysisOptions(options));
  const elapsedS = new Float64Array(rs.running.length);
  const cadenceSpm = new Float64Array(rs.running.length);
  const cadence = rs.channels.cadence;
  rs.running.forEach((i, k) => {
    elapsedS[k] = rs.timeline.runElapsedS[i] ?? NaN;
    cadenceSpm[k] = cadence[i] ?? NaN;
  });
  return { elapsedS, cadenceSpm };
}
