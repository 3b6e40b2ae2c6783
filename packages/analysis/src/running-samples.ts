import type { Activity } from '@runcue/fit';
import { plausibleAltitude } from './altitude-profile.ts';
import { isFlatRun } from './altitude-quality.ts';
import { smoothAltitude } from './altitude-smoothing.ts';
import { analysisChannels, MAX_HEART_RATE, type AnalysisChannels } from './analysis-channels.ts';
import type { AnalysisOptions } from './analysis-options.ts';
import { createGradeAdjustedSpeedAt, sampleGrades, type SampleGrades } from './grade-adjusted-speed.ts';
import { isRunningSport, runTimeline, type RunTimeline } from './run-timeline.ts';
import { scratchFloat64, scratchInt32, scratchUint8 } from './scratch.ts';

/** Marks the end of a named stage of the analysis (for benchmarks); the default does nothing. */
export type StageLap = (stage: string) => void;
export const noLap: StageLap = () => undefined;

/** What one sample was: outside the run, stopped (timer on, not moving), running or walking. */
export const SampleKind = { excluded: 0, stopped: 1, running: 2, walking: 3 } as const;

/**
 * The part of an activity the run metrics look at: the run timeline (which samples, their timer
 * time, run elapsed time and run distance), each sample's kind, the cleaned per-step channels,
 * speed (filled from distance where the file has none), grade and grade-adjusted speed. Its
 * per-sample arrays are scratch (`scratch.ts`): they hold until the next classification.
 */
export interface RunningSamples extends Omit<SampleBase, 'activity'> {
  readonly length: number;
  /** Seconds of timer-running time each sample stands for (0 outside the run). */
  readonly weightS: Float64Array;
  readonly kind: Uint8Array;
  /** Indices of running samples, in time order. */
  readonly running: Int32Array;
  /** Cumulative running time at the end of each running sample, aligned with `running`. */
  readonly runningClockS: Float64Array;
  readonly runningTimeS: number;
  readonly walkTimeS: number;
  /** Indices inside the run, first and last (−1 when none). */
  readonly first: number;
  readonly last: number;
  /** What the run summary counts while the samples are classified (see `MovingTally`). */
  readonly tally: MovingTally;
}

/**
 * Totals over the samples counted in the same pass that classifies them: heart rate weighted by
 * timer time over the moving (running and walking) samples, the highest heart rate inside the
 * run (0 while none), and the walk breaks: stretches of at least `minWalkBreakS` of walking time,
 * ended by running or by the end of a leg (stopped samples neither end nor lengthen one). Zero
 * for a classification with thresholds nothing reaches.
 */
interface MovingTally {
  readonly heartRateSum: number;
  readonly heartRateWeightS: number;
  readonly maxHeartRate: number;
  readonly walkBreakCount: number;
}

const noTally: MovingTally = { heartRateSum: 0, heartRateWeightS: 0, maxHeartRate: 0, walkBreakCount: 0 };

/** True when the activity (or one of its sessions) is a run. */
export function isRunActivity(activity: Activity): boolean {
  return isRunningSport(activity.sport) || activity.sessions.some((s) => isRunningSport(s.sport));
}

/**
 * Speed with values above `maxSpeedMps` (a GPS glitch) as missing, falling back to the
 * run-distance derivative where it has no value (when `distance` is given). Files whose speed is
 * only whole metres per second (Suunto Ambit) are read from distance instead, over a few seconds,
 * so halves and windows are not decided by rounding. The result is the file's own array when
 * nothing is left out or filled, else scratch (`scratch.ts`).
 */
function plausibleSpeed(
  time: Float64Array,
  distance: Float64Array | null,
  speed: Float64Array,
  maxSpeedMps: number,
): Float64Array {
  const n = speed.length;
  let values = 0;
  let whole = 0;
  let missing = false;
  let glitch = false;
  for (let i = 0; i < n; i++) {
    const raw = speed[i] as number;
    if (!(raw <= maxSpeedMps)) {
      if (raw === raw) glitch = true;
      missing = true;
      continue;
    }
    if (!Number.isFinite(raw)) missing = true;
    if (!(raw > 0)) continue;
    values++;
    if (Number.isInteger(raw)) whole++;
  }
  const coarse = values > 0 && whole / values > 0.95;
  // Nothing to leave out or fill: the file's own speed.
  if (!glitch && (distance === null || (!coarse && !missing))) return speed;
  const out = scratchFloat64('speed', n);
  for (let i = 0; i < n; i++) {
    const raw = speed[i] as number;
    out[i] = raw <= maxSpeedMps ? raw : NaN;
  }
  if (distance === null) return out;
  if (!coarse && !missing) return out;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(out[i]) && !coarse) continue;
    const span = coarse ? 3 : 1;
    const a = Math.max(0, i - span);
    const b = Math.min(n - 1, i + span);
    const dt = (time[b] as number) - (time[a] as number);
    const dd = (distance[b] as number) - (distance[a] as number);
    if (dt > 0 && Number.isFinite(dd)) out[i] = Math.max(0, dd) / dt;
  }
  return out;
}

/**
 * What every sample carries before it is classified: the run timeline, the cleaned channels,
 * speed, altitude, grade and grade-adjusted speed. None of it depends on the running and walking
 * thresholds, so one base serves every classification of the same activity. Grade is worked out
 * when first read: an activity that is not a run reads it only when a slow sample might be hiking
 * uphill, and its figures never read it.
 */
export interface SampleBase {
  readonly activity: Activity;
  readonly timeline: RunTimeline;
  readonly channels: AnalysisChannels;
  readonly speedMps: Float64Array;
  /** Altitude with out-of-range values and spikes left out, held over records without it (m). */
  readonly altitudeM: Float64Array;
  /** `altitudeM` smoothed over `altitudeSmoothingS` (`smoothAltitude`), for grade and climb. */
  readonly smoothAltitudeM: Float64Array;
  /** Climb and descent of the run from the smoothed altitude (`smoothAltitude`). */
  readonly climb: { readonly gainM: number | null; readonly lossM: number | null };
  /** Fractional grade per sample; NaN where unknown. */
  readonly grade: Float64Array;
  /** Grade-adjusted (flat-equivalent) speed; raw speed where grade is unknown. */
  readonly gasMps: Float64Array;
  /** True when any sample had a grade. */
  readonly gradeAdjusted: boolean;
  /** `gasMps[i]`, asked for in index order: without grade worked out for every sample. */
  readonly gasAt: (i: number) => number;
}

/**
 * The per-sample base of `runningSamples` (see `SampleBase`); with `gradeNow`, grade is worked out
 * at once rather than when first read (the stage times then say where it went).
 */
export function sampleBase(
  activity: Activity,
  options: AnalysisOptions,
  lap: StageLap = noLap,
  gradeNow = true,
): SampleBase {
  const { time } = activity.samples;
  const timeline = runTimeline(activity, options);
  lap('run timeline');
  const channels = analysisChannels(activity, options);
  lap('held channels');
  // A speed no runner reaches is a GPS glitch: missing, and filled from the cleaned distance.
  const speedMps = plausibleSpeed(
    time,
    timeline.distanceFromChannel ? timeline.runDistanceM : null,
    activity.samples.speed,
    options.maxSpeedMps,
  );
  lap('speed');
  const altitudeM = plausibleAltitude(time, activity.samples.altitude, options);
  lap('altitude spikes');
  const smoothed = smoothAltitude(
    time,
    altitudeM,
    options.altitudeSmoothingS,
    timeline.legs,
    options.elevationHysteresisM,
  );
  const smoothAltitudeM = smoothed.smooth;
  const climb = { gainM: smoothed.gainM, lossM: smoothed.lossM };
  let grades: SampleGrades | null = null;
  // A treadmill, indoor or track run is flat whatever a drifting barometer says.
  const flat = isFlatRun(activity);
  const graded = (): SampleGrades =>
    (grades ??= sampleGrades(smoothAltitudeM, timeline.runDistanceM, speedMps, flat, options));
  if (gradeNow) graded();
  lap('grade');
  const gasAt = createGradeAdjustedSpeedAt(
    smoothAltitudeM,
    timeline.runDistanceM,
    speedMps,
    flat,
    options,
    timeline.distanceMonotone,
    graded,
  );
  return {
    activity,
    timeline,
    channels,
    speedMps,
    altitudeM,
    smoothAltitudeM,
    climb,
    get grade() {
      return graded().grade;
    },
    get gasMps() {
      return graded().gasMps;
    },
    get gradeAdjusted() {
      return graded().adjusted;
    },
    gasAt: (i) => (grades === null ? gasAt(i) : (grades.gasMps[i] as number)),
  };
}

/**
 * Classifies every sample of `activity` as running, walking, stopped or outside the run, and
 * weights each by the timer-running time it stands for. A sample moves when its speed reaches
 * `minRunningSpeedMps`, its cadence `minRunningCadenceSpm`, or, on a climb, its grade-adjusted
 * speed reaches `minRunningSpeedMps` while it still covers ground (`minHikingSpeedMps`): slow
 * uphill hiking is moving, not stopped. A moving sample walks when its cadence is below
 * `walkCadenceBelowSpm` while slower than `walkSpeedBelowMps`, or, without cadence, when it is
 * slower than `minRunningSpeedMps` (a hike). Multisport files are cut to their running sessions. A
 * file with no speed, distance or cadence at all counts its timer time as running.
 */
export function runningSamples(
  activity: Activity,
  options: AnalysisOptions,
  lap: StageLap = noLap,
): RunningSamples {
  return classifySamples(sampleBase(activity, options, lap), options, lap);
}

/** What a classification finds for each sample (see `RunningSamples`). */
type Kinds = Pick<
  RunningSamples,
  | 'length'
  | 'weightS'
  | 'kind'
  | 'running'
  | 'runningClockS'
  | 'runningTimeS'
  | 'walkTimeS'
  | 'first'
  | 'last'
  | 'tally'
>;

/** The classified samples: the base's arrays (grade still read through it, when first read) and the kinds. */
function classified(base: SampleBase, kinds: Kinds): RunningSamples {
  return {
    timeline: base.timeline,
    channels: base.channels,
    speedMps: base.speedMps,
    altitudeM: base.altitudeM,
    smoothAltitudeM: base.smoothAltitudeM,
    climb: base.climb,
    get grade() {
      return base.grade;
    },
    get gasMps() {
      return base.gasMps;
    },
    get gradeAdjusted() {
      return base.gradeAdjusted;
    },
    gasAt: base.gasAt,
    ...kinds,
  };
}

/**
 * `runningSamples` on a base already built (see `SampleBase`), with the running and walking
 * thresholds of `options`.
 */
export function classifySamples(
  base: SampleBase,
  options: AnalysisOptions,
  lap: StageLap = noLap,
): RunningSamples {
  const { activity, timeline, channels, speedMps } = base;
  const { time } = activity.samples;
  const length = activity.samples.length;
  const cadence = channels.cadence;
  // Grade-adjusted speed is read only for a slow sample that might be hiking uphill.
  const gasAt = base.gasAt;
  const { inRun, timerS } = timeline;
  const {
    maxSampleIntervalS,
    minHikingSpeedMps,
    minRunningSpeedMps,
    minRunningCadenceSpm,
    walkSpeedBelowMps,
    walkCadenceBelowSpm,
  } = options;
  // A sample's weight is its timer time: the timeline gives it to run samples only.
  const weightS = timerS;
  let runningTimeS = 0;
  let walkTimeS = 0;
  let first = -1;
  let last = -1;
  // The last sample with speed or cadence: its time (−∞ while none), speed, index and cadence.
  let knownT = -Infinity;
  let knownV = NaN;
  let knownI = -1;
  let knownC = NaN;
  // A recording with no speed, distance or cadence at all (a heart-rate-only watch) cannot tell
  // moving from standing: its timer time is taken as the runner recorded it, all running.
  let motion = false;
  for (let i = 0; i < length && !motion; i++)
    if (inRun[i] === 1 && (Number.isFinite(speedMps[i]) || Number.isFinite(cadence[i]))) motion = true;
  if (motion && minRunningSpeedMps === Infinity && minRunningCadenceSpm === Infinity) {
    // Thresholds no sample reaches (an activity that is not analysed as a run): every sample of
    // the run is stopped, so its kind is the 1 of `inRun` (SampleKind.stopped), and the rest 0.
    first = inRun.indexOf(1);
    last = inRun.lastIndexOf(1);
    return classified(base, {
      length,
      weightS,
      kind: inRun,
      running: new Int32Array(0),
      runningClockS: new Float64Array(0),
      runningTimeS: 0,
      walkTimeS: 0,
      first,
      last,
      tally: noTally,
    });
  }
  const heartRate = channels.heartRate;
  const minWalkBreakS = options.minWalkBreakS;
  let heartRateSum = 0;
  let heartRateWeightS = 0;
  let maxHeartRate = 0;
  let walkBreakCount = 0;
  let walkedS = 0;
  const kind = scratchUint8('kind', length);
  const running = scratchInt32('running', length);
  const clock = scratchFloat64('running-clock', length);
  let runningCount = 0;
  for (let i = 0; i < length; i++) {
    if (inRun[i] !== 1) {
      kind[i] = SampleKind.excluded;
      // The end of a leg ends a walk break.
      if (walkedS >= minWalkBreakS) walkBreakCount++;
      walkedS = 0;
      continue;
    }
    const h = heartRate[i] as number;
    if (h > maxHeartRate) maxHeartRate = h;
    const t = time[i] as number;
    if (first < 0) first = i;
    last = i;
    const w = timerS[i] as number;
    let v = speedMps[i] as number;
    let g = i; // the sample whose grade-adjusted speed counts
    let c = cadence[i] as number;
    if (Number.isFinite(v) || Number.isFinite(c)) {
      knownT = t;
      knownV = v;
      knownI = i;
      knownC = c;
    } else if (knownT !== -Infinity && t - knownT <= maxSampleIntervalS) {
      // Some watches (Suunto, phone apps) interleave position-only records between full ones;
      // such a record moves as the last full record did instead of counting as a stop.
      v = knownV;
      g = knownI;
      c = knownC;
    }
    const moving =
      !motion ||
      v >= minRunningSpeedMps ||
      c >= minRunningCadenceSpm ||
      // Hiking: slow, but uphill at a running effort.
      (v >= minHikingSpeedMps && gasAt(g) >= minRunningSpeedMps);
    if (!moving || w <= 0) {
      kind[i] = SampleKind.stopped;
      continue;
    }
    const slow = Number.isFinite(v) ? v < walkSpeedBelowMps : true;
    const walking = Number.isFinite(c) ? c < walkCadenceBelowSpm && slow : v < minRunningSpeedMps;
    if (Number.isFinite(h) && w > 0) {
      heartRateSum += h * w;
      heartRateWeightS += w;
    }
    if (walking) {
      kind[i] = SampleKind.walking;
      walkTimeS += w;
      walkedS += w;
    } else {
      kind[i] = SampleKind.running;
      runningTimeS += w;
      clock[runningCount] = runningTimeS;
      running[runningCount++] = i;
      if (walkedS >= minWalkBreakS) walkBreakCount++;
      walkedS = 0;
    }
  }
  if (walkedS >= minWalkBreakS) walkBreakCount++;
  lap('sample kinds');
  return classified(base, {
    length,
    weightS,
    kind,
    running: running.subarray(0, runningCount),
    runningClockS: clock.subarray(0, runningCount),
    runningTimeS,
    walkTimeS,
    first,
    last,
    tally: { heartRateSum, heartRateWeightS, maxHeartRate, walkBreakCount },
  });
}

/** What `countMoving` finds: the totals of a classification, without its per-sample arrays. */
export type MovingCount = Pick<
  RunningSamples,
  'timeline' | 'climb' | 'runningTimeS' | 'walkTimeS' | 'first' | 'last' | 'tally'
> & {
  /** Whether any sample of the run had speed or cadence (see `classifySamples`). */
  readonly motion: boolean;
};

/**
 * The running and walking time, first and last sample and `MovingTally` that `classifySamples`
 * finds with the same `options`, for an activity whose summary is all that is read of them (one
 * that is not a run). Cadence and heart rate are cleaned and held sample by sample as
 * `analysisChannels` does, and nothing is written per sample.
 */
export function countMoving(base: SampleBase, options: AnalysisOptions): MovingCount {
  const { activity, timeline, speedMps } = base;
  const { time } = activity.samples;
  const rawCadence = activity.samples.cadence;
  const rawHeartRate = activity.samples.heartRate;
  const length = activity.samples.length;
  const gasAt = base.gasAt;
  const { inRun, timerS } = timeline;
  const {
    channelHoldS,
    maxCadenceSpm,
    maxSampleIntervalS,
    minHikingSpeedMps,
    minRunningSpeedMps,
    minRunningCadenceSpm,
    walkSpeedBelowMps,
    walkCadenceBelowSpm,
    minWalkBreakS,
  } = options;
  // The cleaned cadence and heart rate as `analysisChannels` holds them: the last value the file
  // carried (NaN when out of range) and its index.
  let cadenceV = NaN;
  let cadenceI = 0;
  let heartRateV = NaN;
  let heartRateI = 0;
  // Whether any sample of the run had speed or (held) cadence.
  let motion = false;
  for (let i = 0; i < length && !motion; i++) {
    const raw = rawCadence[i] as number;
    let c = NaN;
    if (raw === raw) {
      c = cadenceV = raw > 0 && raw <= maxCadenceSpm ? raw : NaN;
      cadenceI = i;
    } else if (cadenceV === cadenceV) {
      const t = time[i] as number;
      if (Number.isFinite(t) && t - (time[cadenceI] as number) <= channelHoldS) c = cadenceV;
    }
    if (inRun[i] === 1 && (Number.isFinite(speedMps[i]) || Number.isFinite(c))) motion = true;
  }
  cadenceV = NaN;
  cadenceI = 0;
  let runningTimeS = 0;
  let walkTimeS = 0;
  let first = -1;
  let last = -1;
  let knownT = -Infinity;
  let knownV = NaN;
  let knownI = -1;
  let knownC = NaN;
  let heartRateSum = 0;
  let heartRateWeightS = 0;
  let maxHeartRate = 0;
  let walkBreakCount = 0;
  let walkedS = 0;
  for (let i = 0; i < length; i++) {
    const rawC = rawCadence[i] as number;
    let held = NaN;
    if (rawC === rawC) {
      held = cadenceV = rawC > 0 && rawC <= maxCadenceSpm ? rawC : NaN;
      cadenceI = i;
    } else if (cadenceV === cadenceV) {
      const t = time[i] as number;
      if (Number.isFinite(t) && t - (time[cadenceI] as number) <= channelHoldS) held = cadenceV;
    }
    const rawH = rawHeartRate[i] as number;
    let h = NaN;
    if (rawH === rawH) {
      h = heartRateV = rawH > 0 && rawH <= MAX_HEART_RATE ? rawH : NaN;
      heartRateI = i;
    } else if (heartRateV === heartRateV) {
      const t = time[i] as number;
      if (Number.isFinite(t) && t - (time[heartRateI] as number) <= channelHoldS) h = heartRateV;
    }
    if (inRun[i] !== 1) {
      if (walkedS >= minWalkBreakS) walkBreakCount++;
      walkedS = 0;
      continue;
    }
    if (h > maxHeartRate) maxHeartRate = h;
    const t = time[i] as number;
    if (first < 0) first = i;
    last = i;
    const w = timerS[i] as number;
    let v = speedMps[i] as number;
    let g = i;
    let c = held;
    if (Number.isFinite(v) || Number.isFinite(c)) {
      knownT = t;
      knownV = v;
      knownI = i;
      knownC = c;
    } else if (knownT !== -Infinity && t - knownT <= maxSampleIntervalS) {
      v = knownV;
      g = knownI;
      c = knownC;
    }
    const moving =
      !motion ||
      v >= minRunningSpeedMps ||
      c >= minRunningCadenceSpm ||
      (v >= minHikingSpeedMps && gasAt(g) >= minRunningSpeedMps);
    if (!moving || w <= 0) continue;
    const slow = Number.isFinite(v) ? v < walkSpeedBelowMps : true;
    const walking = Number.isFinite(c) ? c < walkCadenceBelowSpm && slow : v < minRunningSpeedMps;
    if (Number.isFinite(h) && w > 0) {
      heartRateSum += h * w;
      heartRateWeightS += w;
    }
    if (walking) {
      walkTimeS += w;
      walkedS += w;
    } else {
      runningTimeS += w;
      if (walkedS >= minWalkBreakS) walkBreakCount++;
      walkedS = 0;
    }
  }
  if (walkedS >= minWalkBreakS) walkBreakCount++;
  return {
    timeline,
    climb: base.climb,
    runningTimeS,
    walkTimeS,
    first,
    last,
    tally: { heartRateSum, heartRateWeightS, maxHeartRate, walkBreakCount },
    motion,
  };
}

/**
 * `classifySamples` with thresholds nothing reaches, for a base whose run had speed or cadence
 * (`motion`): every sample of the run is stopped.
 */
export function allStopped(base: SampleBase): RunningSamples {
  const { inRun, timerS } = base.timeline;
  return classified(base, {
    length: base.activity.samples.length,
    weightS: timerS,
    kind: inRun,
    running: new Int32Array(0),
    runningClockS: new Float64Array(0),
    runningTimeS: 0,
    walkTimeS: 0,
    first: inRun.indexOf(1),
    last: inRun.lastIndexOf(1),
    tally: noTally,
  });
}
