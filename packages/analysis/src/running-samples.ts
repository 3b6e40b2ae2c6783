import type { Activity } from '@runcue/fit';
import type { AnalysisOptions } from './analysis-options.ts';

/** What one sample was: outside the analysed part, stopped (timer on, not moving), running or walking. */
export const SampleKind = { excluded: 0, stopped: 1, running: 2, walking: 3 } as const;

/**
 * The part of an activity the run metrics look at: per-sample time weights (timer-running time,
 * capped so recording gaps do not count), each sample's kind, and a speed channel filled from
 * distance where the file has no speed.
 */
export interface RunningSamples {
  readonly length: number;
  /** Seconds of timer-running time each sample stands for (0 outside the scope). */
  readonly weightS: Float64Array;
  readonly kind: Uint8Array;
  readonly speedMps: Float64Array;
  /** Indices of running samples, in time order. */
  readonly running: readonly number[];
  /** Cumulative running time at the end of each running sample, aligned with `running`. */
  readonly runningClockS: Float64Array;
  readonly runningTimeS: number;
  readonly walkTimeS: number;
  /** Indices inside the analysed sessions, first and last (−1 when none). */
  readonly first: number;
  readonly last: number;
}

/** True when the activity (or one of its sessions) is a run. */
export function isRunActivity(activity: Activity): boolean {
  return activity.sport === 'running' || activity.sessions.some((s) => s.sport === 'running');
}

/** Time windows (elapsed s) the metrics look at: the running sessions of a multisport file, else everything. */
function scopeWindows(activity: Activity): Array<[number, number]> {
  const runs = activity.sessions.filter((s) => s.sport === 'running');
  if (runs.length === 0 || runs.length === activity.sessions.length) return [[-Infinity, Infinity]];
  return runs.map((s) => [s.startElapsedS, s.endElapsedS]);
}

/** Intervals (elapsed s) during which the timer ran, from the start/stop events; all time when there are none. */
function timerIntervals(activity: Activity): Array<[number, number]> {
  const events = [...activity.timerEvents].sort((a, b) => a.elapsedS - b.elapsedS);
  if (events.length === 0) return [[-Infinity, Infinity]];
  const out: Array<[number, number]> = [];
  // Files that open with a stop (or have none of the starts) ran from the beginning.
  let startedAt: number | null = events[0]?.kind === 'stop' ? -Infinity : null;
  for (const e of events) {
    if (e.kind === 'start' && startedAt === null) startedAt = e.elapsedS;
    if (e.kind === 'stop' && startedAt !== null) {
      out.push([startedAt, e.elapsedS]);
      startedAt = null;
    }
  }
  if (startedAt !== null) out.push([startedAt, Infinity]);
  return out;
}

function overlap(a: number, b: number, windows: ReadonlyArray<readonly [number, number]>): number {
  let total = 0;
  for (const [s, e] of windows) total += Math.max(0, Math.min(b, e) - Math.max(a, s));
  return total;
}

/** Speed, falling back to the distance derivative where the file has no speed value. */
function fillSpeed(time: Float64Array, distance: Float64Array, speed: Float64Array): Float64Array {
  const out = Float64Array.from(speed);
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i])) continue;
    const j = i > 0 ? i - 1 : i + 1;
    const dt = Math.abs((time[i] ?? NaN) - (time[j] ?? NaN));
    const dd = Math.abs((distance[i] ?? NaN) - (distance[j] ?? NaN));
    if (dt > 0 && Number.isFinite(dd)) out[i] = dd / dt;
  }
  return out;
}

/**
 * Classifies every sample of `activity` as running, walking, stopped or outside the analysed
 * part, and weights each by the timer-running time it stands for. A running sample has speed
 * ≥ `minRunningSpeedMps` or cadence ≥ `minRunningCadenceSpm`; a walking one has cadence below
 * `walkCadenceBelowSpm` while slower than `walkSpeedBelowMps`. Multisport files are cut to their
 * running sessions.
 */
export function runningSamples(activity: Activity, options: AnalysisOptions): RunningSamples {
  const { time, distance, speed, cadence } = activity.samples;
  const length = activity.samples.length;
  const speedMps = fillSpeed(time, distance, speed);
  const windows = scopeWindows(activity);
  const timer = timerIntervals(activity);
  const weightS = new Float64Array(length);
  const kind = new Uint8Array(length);
  const running: number[] = [];
  const clock: number[] = [];
  let runningTimeS = 0;
  let walkTimeS = 0;
  let first = -1;
  let last = -1;
  let known: { t: number; v: number; c: number } | null = null;
  for (let i = 0; i < length; i++) {
    const t = time[i] ?? NaN;
    if (!Number.isFinite(t) || !windows.some(([s, e]) => t >= s && t <= e)) continue;
    if (first < 0) first = i;
    last = i;
    const prev = i > 0 ? (time[i - 1] ?? NaN) : NaN;
    // A record stands for the interval since the previous one; the first record of the scope opens it.
    const [a, b] = Number.isFinite(prev) && i !== first ? [prev, t] : [t, t];
    const w = Math.min(overlap(a, b, timer), options.maxSampleIntervalS);
    weightS[i] = w;
    let v = speedMps[i] ?? NaN;
    let c = cadence[i] ?? NaN;
    if (Number.isFinite(v) || Number.isFinite(c)) {
      known = { t, v, c };
    } else if (known !== null && t - known.t <= options.maxSampleIntervalS) {
      // Some watches (Suunto, phone apps) interleave position-only records between full ones;
      // such a record moves as the last full record did instead of counting as a stop.
      ({ v, c } = known);
    }
    const moving = v >= options.minRunningSpeedMps || c >= options.minRunningCadenceSpm;
    if (!moving || w <= 0) {
      kind[i] = SampleKind.stopped;
      continue;
    }
    const slow = Number.isFinite(v) ? v < options.walkSpeedBelowMps : true;
    if (c < options.walkCadenceBelowSpm && slow) {
      kind[i] = SampleKind.walking;
      walkTimeS += w;
    } else {
      kind[i] = SampleKind.running;
      runningTimeS += w;
      running.push(i);
      clock.push(runningTimeS);
    }
  }
  return {
    length,
    weightS,
    kind,
    speedMps,
    running,
    runningClockS: Float64Array.from(clock),
    runningTimeS,
    walkTimeS,
    first,
    last,
  };
}
