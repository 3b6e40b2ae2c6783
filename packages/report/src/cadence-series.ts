import { cadenceTrace } from '@runcue/analysis';
import type { Activity } from '@runcue/fit';

/** One point of the smoothed cadence line: bucket centre in the run's elapsed seconds, median spm or null. */
export interface CadencePoint {
  elapsedS: number;
  spm: number | null;
}

export interface CadenceSeriesOptions {
  /** Width of each smoothing bucket in seconds (default 30). */
  bucketS?: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/**
 * Cadence over the run for the chart and the sparkline: the median of running samples in each
 * bucket (30 s by default), so single-sample flicker does not draw spikes. The samples are exactly
 * those the analysis measures cadence on (`cadenceTrace`: timer running, inside the run's sessions,
 * running not walking, a cadence of 0 while moving left out), on the run's own clock, so the picture
 * agrees with the figures and with the form-decay onset. Buckets with no running sample are null,
 * which the chart draws as a gap.
 */
export function cadenceSeries(activity: Activity, options: CadenceSeriesOptions = {}): CadencePoint[] {
  const bucketS = options.bucketS ?? 30;
  const trace = cadenceTrace(activity);
  const buckets = new Map<number, number[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < trace.elapsedS.length; k++) {
    const t = trace.elapsedS[k] ?? Number.NaN;
    const c = trace.cadenceSpm[k] ?? Number.NaN;
    if (!Number.isFinite(t) || !Number.isFinite(c)) continue;
    const b = Math.floor(t / bucketS);
    const list = buckets.get(b);
    if (list) list.push(c);
    else buckets.set(b, [c]);
    first = Math.min(first, b);
    last = Math.max(last, b);
  }
  const out: CadencePoint[] = [];
  for (let b = first; b <= last; b++) {
    out.push({ elapsedS: (b + 0.5) * bucketS, spm: median(buckets.get(b) ?? []) });
  }
  return out;
}
