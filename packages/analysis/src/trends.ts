/**
 * Multi-run trends: twelve (by default) ISO weeks in the athlete's time zone, each with load,
 * cadence, form-decay, decoupling, pain and shoe figures. Produced by `weeklyTrends`; rendered by
 * the weekly review and read by the coach for load context. All figures are plain numbers so the
 * JSON form is stable.
 */

// The package index exports this file only; the trend inputs are re-exported with it.
export * from './pain-entry.ts';
export * from './run-record.ts';
export * from './trends-error.ts';
export * from './weekly-load.ts';
export * from './weekly-trends.ts';

/** Default flag thresholds (overridable per athlete through `WeeklyTrendsOptions`). */
export const RAMP_FLAG_PERCENT = 10;
export const ACUTE_CHRONIC_FLAG_RATIO = 1.3;
/**
 * Days of history the acute:chronic ratio needs: with less, the 28-day average is mostly days
 * before the runner started, and a first run would read as a spike (one run alone gives 4.0).
 */
export const ACUTE_CHRONIC_MIN_HISTORY_DAYS = 21;

export interface ShoeRecord {
  id: string;
  name: string;
  /** Distance on the shoe before the earliest run passed in (initial mileage + older runs), m. */
  distanceBeforeM: number;
  /** Warn when the shoe's total reaches this, m (default 300 miles). */
  warnAtM: number;
}

export interface WeeklyTrendsOptions {
  /** The last week shown: an ISO week ('2026-W47') or a local date ('2026-11-18') inside it. */
  weekOf: string;
  /** IANA time zone of the athlete, e.g. 'Europe/Berlin'. Weeks and days are counted in it. */
  timeZone: string;
  /** How many weeks to show, ending with `weekOf`. Default 12. */
  weeks?: number;
  /** Cadence threshold, steps/min (default 170). */
  thresholdSpm: number;
  /** Week-over-week distance increase above which `rampFlag` is set, %. Default 10. */
  rampFlagPercent?: number;
  /** Acute:chronic ratio above which `acuteChronicFlag` is set. Default 1.3. */
  acuteChronicFlagRatio?: number;
  /**
   * Start of the athlete's first known run, ISO 8601. The acute:chronic ratio is only given for
   * days at least `acuteChronicMinHistoryDays` after it. Default: the earliest run passed in, which
   * is right when the caller passes every run or the four weeks before the window as well.
   */
  firstRunAt?: string | null;
  /** Days after the first run before the acute:chronic ratio is computed. Default 21. */
  acuteChronicMinHistoryDays?: number;
  shoes?: readonly ShoeRecord[];
}

export interface WeekPain {
  count: number;
  maxScore: number | null;
  meanScore: number | null;
  /** Entries in the week with at least one red flag. */
  redFlagCount: number;
}

export interface WeekShoe {
  shoeId: string;
  name: string;
  /** Distance run in this shoe during the week, m. */
  weekDistanceM: number;
  /** Total on the shoe at the end of the week, m. */
  totalDistanceM: number;
  warn: boolean;
}

export interface WeekTrend {
  /** ISO week, e.g. '2026-W47'. */
  isoWeek: string;
  /** Local dates (athlete's time zone) of the Monday and the Sunday. */
  startDate: string;
  endDate: string;
  distanceM: number;
  /**
   * The runs' moving time (running and walking with the timer on): the time the activity list and
   * each run's report show, so a week adds up to its runs.
   */
  movingTimeS: number;
  /** The runs' running time (walk breaks excluded), what the cadence shares are measured against. */
  runningTimeS: number;
  runCount: number;
  /** Longest single run of the week, m (0 without runs). */
  longRunM: number;
  /** Longest run ÷ week distance (0..1); null without distance. */
  longRunShare: number | null;
  /** Distance change vs the previous week, %; null when the previous week had no distance. */
  rampPercent: number | null;
  rampFlag: boolean;
  /**
   * 7-day ÷ 28-day average daily distance at the end of the week; null when the 28 days are empty
   * or the athlete's first run was less than `acuteChronicMinHistoryDays` (21) days before that day.
   */
  acuteChronicRatio: number | null;
  acuteChronicFlag: boolean;
  /** Median cadence over the week, weighting each run's median by its running time with cadence. */
  cadenceMedianSpm: number | null;
  /** Time-weighted share (0..1) of the week's running time below the runs' cadence threshold. */
  shareBelowThreshold: number | null;
  formDecayRuns: number;
  /** Median of the decay onsets of the week's decaying runs, as % of run. */
  decayOnsetMedianPercent: number | null;
  decouplingMedianPercent: number | null;
  /** Runs that were eligible for decoupling. */
  decouplingRuns: number;
  paceDriftMedianPercent: number | null;
  pain: WeekPain;
  shoes: WeekShoe[];
}

export interface WeeklyTrends {
  timeZone: string;
  thresholdSpm: number;
  rampFlagPercent: number;
  acuteChronicFlagRatio: number;
  /** Oldest first; the last entry is the week of `weekOf`. */
  weeks: WeekTrend[];
  /** Runs and pain entries left out because a date or figure was unusable, with why. */
  skipped: TrendsSkipped[];
}

export interface TrendsSkipped {
  kind: 'run' | 'pain';
  /** activityId for runs, the `at` string for pain entries. */
  ref: string;
  reason: string;
}
