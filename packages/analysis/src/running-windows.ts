import type { AnalysisOptions } from './analysis-options.ts';
import type { RunningSamples } from './running-samples.ts';

/** Warm-up trim: the first `warmupMaxS` of running time or `warmupShare` of it, whichever is less. */
export function warmupTrimS(runningTimeS: number, options: AnalysisOptions): number {
  return Math.min(options.warmupMaxS, options.warmupShare * runningTimeS);
}

/** The first position of the (non-decreasing) running clock past `s`. */
function firstAfter(clock: Float64Array, s: number): number {
  let a = 0;
  let b = clock.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((clock[mid] as number) > s) b = mid;
    else a = mid + 1;
  }
  return a;
}

/**
 * Running samples whose running clock lies in (fromS, toS]: windows measured in running time, not
 * wall time. The clock only grows, so they are one stretch of `rs.running`, returned as a view.
 */
export function samplesBetween(rs: RunningSamples, fromS: number, toS: number): Int32Array {
  if (Number.isNaN(fromS) || Number.isNaN(toS)) return rs.running.subarray(0, 0);
  const from = firstAfter(rs.runningClockS, fromS);
  return rs.running.subarray(from, Math.max(from, firstAfter(rs.runningClockS, toS)));
}

/** The running time after the warm-up trim, split into two halves of equal running time. */
export function runHalves(
  rs: RunningSamples,
  options: AnalysisOptions,
): { trimS: number; first: Int32Array; second: Int32Array } {
  const trimS = warmupTrimS(rs.runningTimeS, options);
  const middle = trimS + (rs.runningTimeS - trimS) / 2;
  return {
    trimS,
    first: samplesBetween(rs, trimS, middle),
    second: samplesBetween(rs, middle, rs.runningTimeS),
  };
}
