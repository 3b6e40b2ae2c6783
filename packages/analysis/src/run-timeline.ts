import type { Activity, Session, TimerEvent } from '@runcue/fit';
import { scratchFloat64, scratchUint8 } from './scratch.ts';

/**
 * Where the run is inside an activity file, sample by sample: which samples belong to the run
 * (the running sessions of a multisport file, else the whole file), how much timer-running time
 * each stands for, and two clocks measured inside the run only: elapsed time and distance. A
 * duathlon's bike leg or a triathlon's swim adds nothing to either clock, so an onset, a stretch
 * or a window is placed "x min and y km into the run", not into the file.
 */
export interface RunTimeline {
  readonly length: number;
  /** 1 for a sample that belongs to the run. */
  readonly inRun: Uint8Array;
  /** Seconds of timer-running time the sample stands for (since the previous sample of its leg). */
  readonly timerS: Float64Array;
  /** Wall-clock seconds since the run started, legs put end to end (NaN outside the run). */
  readonly runElapsedS: Float64Array;
  /** Metres covered since the run started, counted only inside the run (NaN outside it). */
  readonly runDistanceM: Float64Array;
  /** First and last sample index of each contiguous stretch of the run. */
  readonly legs: ReadonlyArray<{ readonly first: number; readonly last: number }>;
  /** True when distance came from the file's distance channel (else it is integrated from speed). */
  readonly distanceFromChannel: boolean;
  /** True when `runDistanceM` never goes back from one value to a later one (NaN skipped). */
  readonly distanceMonotone: boolean;
}

/** A drop in the distance channel larger than this starts a new count (a per-session reset). */
const DISTANCE_RESET_M = 50;
/** A single step this far beyond what `maxSpeedMps` explains is a glitch, not a GPS fix catching up (m). */
const GLITCH_JUMP_M = 50;
/** After a glitch, the channel is trusted again once it has grown plausibly for this long (s). */
const GLITCH_SETTLED_S = 30;

/** True when the sport of a session is running (trail and track runs are sub-sports of it). */
export function isRunningSport(sport: string): boolean {
  return sport === 'running';
}

/** Time windows (elapsed s) of the run: the running sessions of a multisport file, else everything. */
function runWindows(activity: Activity): Array<[number, number]> {
  const runs = activity.sessions.filter((s) => isRunningSport(s.sport));
  // Sessions that are all runs (or none at all) are trusted for nothing: a Suunto session that ends
  // before its last records, or a file without sessions, keeps all of its records.
  if (runs.length === 0 || runs.length === activity.sessions.length) return [[-Infinity, Infinity]];
  return runs.map((s) => [s.startElapsedS - 0.5, s.endElapsedS + 0.5]);
}

/**
 * Intervals (elapsed s) during which the timer ran. Events are read per session: a session with no
 * timer event inside it ran throughout (a Fenix 2 multisport file writes start/stop events for its
 * last session only), one that opens with a stop had been running since its start.
 */
function timerIntervals(
  events: readonly TimerEvent[],
  sessions: readonly Session[],
): Array<[number, number]> {
  const sorted = [...events].sort((a, b) => a.elapsedS - b.elapsedS);
  const spans: Array<[number, number]> =
    sessions.length === 0
      ? [[-Infinity, Infinity]]
      : sessions.map((s): [number, number] => [s.startElapsedS, s.endElapsedS]).sort((a, b) => a[0] - b[0]);
  // Stretch the first and last span to the ends of the file: records before the first session or
  // after the last one follow the events around them.
  const firstSpan = spans[0];
  const lastSpan = spans[spans.length - 1];
  if (firstSpan) firstSpan[0] = -Infinity;
  if (lastSpan) lastSpan[1] = Infinity;
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const inside = sorted.filter((e) => e.elapsedS >= a - 1 && e.elapsedS <= b + 1);
    if (inside.length === 0) {
      out.push([a, b]);
      continue;
    }
    let startedAt: number | null = inside[0]?.kind === 'stop' ? a : null;
    for (const e of inside) {
      if (e.kind === 'start' && startedAt === null) startedAt = e.elapsedS;
      if (e.kind === 'stop' && startedAt !== null) {
        out.push([startedAt, e.elapsedS]);
        startedAt = null;
      }
    }
    if (startedAt !== null) out.push([startedAt, b]);
  }
  return mergeIntervals(out);
}

function mergeIntervals(intervals: Array<[number, number]>): Array<[number, number]> {
  intervals.sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of intervals) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Sorted, disjoint intervals as two columns, for a scan that allocates nothing. */
interface IntervalColumns {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
}

function columnsOf(intervals: ReadonlyArray<readonly [number, number]>): IntervalColumns {
  const starts = new Float64Array(intervals.length);
  const ends = new Float64Array(intervals.length);
  intervals.forEach(([a, b], k) => {
    starts[k] = a;
    ends[k] = b;
  });
  return { starts, ends };
}

/** Length of (a, b] covered by the sorted, disjoint intervals `starts`/`ends`, scanning from `from` (the first one not ending by a). */
function coveredBy(a: number, b: number, starts: Float64Array, ends: Float64Array, from: number): number {
  let covered = 0;
  for (let j = from; j < starts.length; j++) {
    const s = starts[j] as number;
    if (s >= b) break;
    const e = ends[j] as number;
    covered += Math.max(0, Math.min(b, e) - Math.max(a, s));
  }
  return covered;
}

/**
 * Builds the run timeline of an activity. A sample's timer time is the part of the interval since
 * the previous sample of its leg during which the timer ran, capped at `maxSampleIntervalS` so a
 * recording gap does not count. Run distance follows the distance channel inside each leg (a drop
 * of more than 50 m restarts the count, as files that reset distance per session do; smaller
 * wobbles are ignored until the channel passes its previous high, and a jump faster than
 * `maxSpeedMps` is a glitch that is not counted); where the file has no distance, speed × timer
 * time is summed instead.
 */
export function runTimeline(
  activity: Activity,
  options: { maxSampleIntervalS: number; maxSpeedMps: number },
): RunTimeline {
  const { time, distance, speed } = activity.samples;
  const n = activity.samples.length;
  const windows = columnsOf(runWindows(activity).sort((x, y) => x[0] - y[0]));
  const timer = columnsOf(timerIntervals(activity.timerEvents, activity.sessions));
  const maxSampleIntervalS = options.maxSampleIntervalS;
  const maxSpeedMps = options.maxSpeedMps;
  // Scratch: the timeline lives as long as the analysis that builds it. Every sample is written.
  const inRun = scratchUint8('timeline-in-run', n);
  const timerS = scratchFloat64('timeline-timer', n);
  const runElapsedS = scratchFloat64('timeline-elapsed', n);
  const runDistanceM = scratchFloat64('timeline-distance', n);
  const legs: Array<{ first: number; last: number }> = [];

  let hasDistance = false;
  for (let i = 0; i < n && !hasDistance; i++) if (Number.isFinite(distance[i])) hasDistance = true;

  const { starts: windowStarts, ends: windowEnds } = windows;
  const { starts: timerStarts, ends: timerEnds } = timer;
  const windowCount = windowEnds.length;
  const timerCount = timerEnds.length;
  // The current run window [windowStart, windowEnd] and timer interval [timerStart, timerEnd],
  // +Infinity past the last one.
  let w = 0;
  let windowStart = windowCount > 0 ? (windowStarts[0] as number) : Infinity;
  let windowEnd = windowCount > 0 ? (windowEnds[0] as number) : Infinity;
  let tk = 0;
  let timerStart = timerCount > 0 ? (timerStarts[0] as number) : Infinity;
  let timerEnd = timerCount > 0 ? (timerEnds[0] as number) : Infinity;
  // The current leg's first and last sample (first −1 between legs), and its run window.
  let legFirst = -1;
  let legLast = -1;
  let legWindow = -1;
  let elapsed = 0;
  let counted = 0;
  let high = NaN; // highest distance channel value seen in this leg since its last reset
  let highT = NaN; // when it was seen
  let glitchFrom = NaN; // the channel's value before an implausible jump the count was re-based over
  let glitchT = NaN; // when that jump was
  let lastD = NaN; // the channel's previous value and its time
  let lastDT = NaN;
  let prevT = NaN;
  // The last run distance written, and whether every one since was at least as far.
  let previousCounted = -Infinity;
  let monotone = true;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    let outside = !Number.isFinite(t);
    if (!outside) {
      while (windowEnd < t) {
        w++;
        windowStart = w < windowCount ? (windowStarts[w] as number) : Infinity;
        windowEnd = w < windowCount ? (windowEnds[w] as number) : Infinity;
      }
      // Past the last window, its start is +Infinity: every finite time is before it.
      if (t < windowStart) {
        if (legFirst >= 0) legs.push({ first: legFirst, last: legLast });
        legFirst = -1;
        outside = true;
      }
    }
    if (outside) {
      inRun[i] = 0;
      timerS[i] = 0;
      runElapsedS[i] = NaN;
      runDistanceM[i] = NaN;
      continue;
    }
    if (legFirst < 0 || legWindow !== w) {
      if (legFirst >= 0) legs.push({ first: legFirst, last: legLast });
      legFirst = i;
      legLast = i;
      legWindow = w;
      high = NaN;
      glitchFrom = NaN;
      prevT = t;
      timerS[i] = 0;
    } else {
      while (timerEnd <= prevT) {
        tk++;
        timerStart = tk < timerCount ? (timerStarts[tk] as number) : Infinity;
        timerEnd = tk < timerCount ? (timerEnds[tk] as number) : Infinity;
      }
      const dt = Math.max(0, t - prevT);
      // Inside one timer interval (the usual case) the whole step counts.
      const covered =
        timerStart <= prevT && timerEnd >= t ? dt : coveredBy(prevT, t, timerStarts, timerEnds, tk);
      timerS[i] = Math.min(covered, maxSampleIntervalS);
      elapsed += dt;
      prevT = t;
      legLast = i;
    }
    inRun[i] = 1;
    if (hasDistance) {
      const d = distance[i] as number;
      if (Number.isFinite(d)) {
        if (!Number.isFinite(high) || d < high - DISTANCE_RESET_M) {
          high = d;
          highT = t;
        } else if (d > high) {
          if (d - high <= maxSpeedMps * Math.max(1, t - highT)) {
            counted += d - high;
            high = d;
            highT = t;
            if (t - glitchT > GLITCH_SETTLED_S) glitchFrom = NaN;
          } else if (d - lastD - maxSpeedMps * Math.max(1, t - lastDT) >= GLITCH_JUMP_M) {
            // One step no runner could make is a GPS glitch, even when the channel keeps it: the
            // count goes on from the new level, adding what the speed says was run, not the jump.
            const v = speed[i] as number;
            if (v > 0 && v <= maxSpeedMps) counted += v * (t - highT);
            if (Number.isNaN(glitchFrom)) glitchFrom = high;
            high = d;
            highT = t;
            glitchT = t;
          }
          // A smaller jump (a GPS fix catching up) waits until enough time has passed to explain it.
        } else if (Number.isFinite(glitchFrom) && d < high && d >= glitchFrom) {
          // The channel came back from a glitch: go on from where it is.
          high = d;
          highT = t;
          glitchFrom = NaN;
        }
        lastD = d;
        lastDT = t;
      }
    } else {
      const v = speed[i] as number;
      if (Number.isFinite(v) && v > 0 && v <= maxSpeedMps) counted += v * (timerS[i] as number);
    }
    runElapsedS[i] = elapsed;
    runDistanceM[i] = counted;
    if (counted < previousCounted) monotone = false;
    else if (counted === counted) previousCounted = counted;
  }
  if (legFirst >= 0) legs.push({ first: legFirst, last: legLast });
  return {
    length: n,
    inRun,
    timerS,
    runElapsedS,
    runDistanceM,
    legs,
    distanceFromChannel: hasDistance,
    distanceMonotone: monotone,
  };
}
