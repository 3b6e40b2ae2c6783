/**
 * The result of analysing one run. Its JSON form (see `toJson` in the CLI) is a contract that
 * other tools script against: rename nothing here without a new analysis version.
 * Units are in the names; all shares are 0..1 of running time; null means "not measurable".
 */

/**
 * 2: only running sessions count (multisport), run-relative onsets and windows, hiking as moving,
 * cadence 0 as missing, steadiness and grade-trust eligibility for drift and decoupling, form decay
 * only on comparable windows.
 * 3: plausibility filters on speed, distance and altitude; a watch clock that jumps is re-based;
 * the cadence unit judged per session; one source per running-dynamics channel.
 * 4: records that share a timestamp are one sample (phone apps write one channel per record).
 */
export const ANALYSIS_VERSION = 4;

export interface RunSummary {
  /** Distance of the run: only running sessions count in a multisport file. */
  distanceM: number;
  /** Timer-running time with stops and pauses removed (running + walking, uphill hiking included). */
  movingTimeS: number;
  /** Wall-clock time of the run, its running sessions end to end. */
  elapsedS: number;
  /** Running samples only (walk breaks excluded). */
  runningTimeS: number;
  walkTimeS: number;
  /** Average pace over moving time, s per km; null when distance is 0. */
  paceSPerKm: number | null;
  avgHeartRate: number | null;
  maxHeartRate: number | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  /** Walking stretches of at least the configured length (walk breaks). */
  walkBreakCount?: number;
}

export interface CadenceBands {
  below160: number;
  from160to170: number;
  from170to180: number;
  above180: number;
}

export interface LowCadenceStretch {
  startElapsedS: number;
  endElapsedS: number;
  startDistanceM: number | null;
  durationS: number;
  medianSpm: number;
}

export interface CadenceAnalysis {
  /** null when the file has no cadence. */
  medianSpm: number | null;
  meanSpm: number | null;
  thresholdSpm: number;
  shareBelowThreshold: number | null;
  /** Shares of running time (0..1) per band; null when no cadence. */
  bands: CadenceBands | null;
  stretchesBelow: LowCadenceStretch[];
  /** Linear fit of cadence on speed over running samples: spm per (m/s). Flat = longer strides as pace rises. */
  speedSlopeSpmPerMps: number | null;
  /** Samples (s) of running time that had cadence. */
  coveredS: number;
}

export interface PaceDrift {
  /** % slowdown of grade-adjusted speed, second half vs first half (positive = slower); null when not eligible. */
  percent: number | null;
  /** Same drift as pace change in s/km (positive = slower); null when not eligible. */
  secondsPerKm: number | null;
  /** True when the run supports the figure: long enough, steady, with trustworthy grade. */
  eligible: boolean;
  /** Why not eligible, in words, when not. */
  reason: string | null;
  firstHalfGasMps: number | null;
  secondHalfGasMps: number | null;
  warmupTrimS: number;
  /** True when the figure is grade-adjusted (trusted altitude on a run that was not flat). */
  gradeAdjusted: boolean;
  /** True when altitude was good enough to adjust for grade, or the run was flat (treadmill, track). */
  gradeTrusted: boolean;
  /** Variation (%) of grade-adjusted pace around its trend after the warm-up; null when too short. */
  variabilityPercent: number | null;
  /** The same drift on raw (not grade-adjusted) speed, to show what the adjustment removed. */
  rawPercent?: number | null;
}

export type DecouplingRating = 'good' | 'moderate' | 'high';

export interface Decoupling {
  /** (EF1 - EF2) / EF1 × 100; null when not eligible. */
  percent: number | null;
  rating: DecouplingRating | null;
  eligible: boolean;
  /** Why not eligible, in words, when not. */
  reason: string | null;
  firstHalfEf: number | null;
  secondHalfEf: number | null;
}

export interface FormDeltas {
  cadenceSpm: number | null;
  cadencePercent: number | null;
  stanceTimeMs: number | null;
  stanceTimePercent: number | null;
  verticalOscillationMm: number | null;
  verticalRatioPercent: number | null;
  stepLengthMm: number | null;
  stanceTimeBalancePercent: number | null;
}

export interface FormDecay {
  detected: boolean;
  /**
   * Where the decay starts, in the run's own time and distance; null when not detected or when the
   * change point sits at the earliest point the method allows.
   */
  onset: { elapsedS: number; distanceM: number | null } | null;
  /** Late window (last 20%) minus reference window (20% after warm-up). */
  deltas: FormDeltas;
  /** Which channels crossed their thresholds, e.g. ['cadence', 'stanceTime']. */
  reasons: string[];
  referenceWindow: { startElapsedS: number; endElapsedS: number } | null;
  lateWindow: { startElapsedS: number; endElapsedS: number } | null;
  channels: Array<
    'cadence' | 'stanceTime' | 'verticalOscillation' | 'verticalRatio' | 'stepLength' | 'stanceTimeBalance'
  >;
  /** True when both windows were cut to samples at a similar grade-adjusted speed. */
  speedMatched?: boolean;
  /** True when the late window could be compared with the reference (same pace, same ground). */
  comparable: boolean;
  /** How the finish differed when it could not be compared: a climb, a descent, slower or faster running. */
  finish: 'climbing' | 'descending' | 'slower' | 'faster' | null;
  /** Why form was not compared, in words, when it was not. */
  reason: string | null;
}

export interface RunAnalysis {
  version: typeof ANALYSIS_VERSION;
  isRun: boolean;
  /** Why the activity is not analysed as a run (another sport, or a "run" faster than anyone runs); null for a run. */
  notRunReason?: string | null;
  summary: RunSummary;
  cadence: CadenceAnalysis;
  paceDrift: PaceDrift;
  decoupling: Decoupling;
  formDecay: FormDecay;
}
