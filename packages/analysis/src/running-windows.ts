import type { AnalysisOptions } from './analysis-options.ts';
import type { RunningSamples } from './running-samples.ts';

/** Warm-up trim: the first `warmupMaxS` of running time or `warmupShare` of it, whichever is less. */
export function warmupTrimS(runningTimeS: number, options: AnalysisOptions): number {
  return Math.min(options.warmupMaxS, options.warmupShare * runningTimeS);
}

/** Running samples whose running clock lies in (fromS, toS]: windows measured in running time, not wall time. */
export function samplesBetween(rs: RunningSamples, fromS: number, toS: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < rs.running.length; k++) {
    const clock = rs.runningClockS[k] ?? 0;
    const i = rs.running[k];
    if (i !== undefined && clock > fromS && clock <= toS) out.push(i);
  }
  return out;
}

/** The running time after the warm-up trim, split into two halves of equal running time. */
export function runHalves(
  rs: RunningSamples,
  options: AnalysisOptions,
): { trimS: number; first: number[]; second: number[] } {
  const trimS = warmupTrimS(rs.runningTimeS, options);
  const middle = trimS + (rs.runningTimeS - trimS) / 2;
  return {
    trimS,
    first: samplesBetween(rs, trimS, middle),
    second: samplesBetween(rs, middle, rs.runningTimeS),
  };
}
