import type { Activity } from '@runcue/fit';

/** One point of the smoothed cadence line: bucket centre in elapsed seconds, median spm or null. */
export interface CadencePoint {
  elapsedS: number;
  spm: number | null;
}

export interface CadenceSeriesOptions {
  /** Width of each smoothing bucket in seconds (default 30). */
  bucketS?: number;
}

function stoppedIntervals(activity: Activity): Array<[number, number]> {
  const events = [...activity.timerEvents].sort((a, b) => a.elapsedS - b.elapsedS);
  const out: Array<[number, number]> = [];
  let stopAt: number | null = null;
  for (const e of events) {
    if (e.kind === 'stop' && stopAt === null) stopAt = e.elapsedS;
    else if (e.kind === 'start' && stopAt !== null) {
      out.push([stopAt, e.elapsedS]);
      stopAt = null;
    }
  }
  if (stopAt !== null) out.push([stopAt, Number.POSITIVE_INFINITY]);
  return out;
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
 * bucket (30 s by default), so single-sample flicker does not draw spikes. A sample counts when the
 * timer runs and it is running by the DESIGN.md rule (speed ≥ 1.0 m/s or cadence ≥ 120 spm, walk
 * breaks below 130 spm at under 2.2 m/s left out). Buckets with no running sample are null, which
 * the chart draws as a gap. The analysis owns the run's figures; this is only the picture of them.
 */
export function cadenceSeries(activity: Activity, options: CadenceSeriesOptions = {}): CadencePoint[] {
  const bucketS = options.bucketS ?? 30;
  const { time, cadence, speed } = activity.samples;
  const stops = stoppedIntervals(activity);
  const buckets = new Map<number, number[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < activity.samples.length; i++) {
    const t = time[i] ?? Number.NaN;
    const c = cadence[i] ?? Number.NaN;
    const v = speed[i] ?? Number.NaN;
    if (!Number.isFinite(t) || !Number.isFinite(c) || c <= 0) continue;
    if (stops.some(([a, b]) => t >= a && t < b)) continue;
    const moving = (Number.isFinite(v) && v >= 1.0) || c >= 120;
    const walking = c < 130 && (!Number.isFinite(v) || v < 2.2);
    if (!moving || walking) continue;
    const k = Math.floor(t / bucketS);
    const list = buckets.get(k);
    if (list) list.push(c);
    else buckets.set(k, [c]);
    first = Math.min(first, k);
    last = Math.max(last, k);
  }
  const out: CadencePoint[] = [];
  for (let k = first; k <= last; k++) {
    out.push({ elapsedS: (k + 0.5) * bucketS, spm: median(buckets.get(k) ?? []) });
  }
  return out;
}
