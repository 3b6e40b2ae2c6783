import { z } from 'zod';
import {
  ACUTE_CHRONIC_FLAG_RATIO,
  ACUTE_CHRONIC_MIN_HISTORY_DAYS,
  RAMP_FLAG_PERCENT,
  defaultAnalysisOptions,
  type AnalysisOptions,
} from '@runcue/analysis';
import { StoreError } from './store-error.ts';

/**
 * What a runner can set beyond their name, email, zone, units, cadence threshold and review time
 * (those are columns): whether each kind of email is sent, and an override for any threshold the
 * analysis, the weekly trends and the coach use (DESIGN.md: every threshold is a named,
 * per-athlete-overridable setting). A threshold left out takes the consumer's default. No setting
 * weakens a safety rule: the pain and red-flag rules have none, and the load thresholds behind
 * "after a load spike, the next target is a reduction" can be made stricter, never looser
 * (`LOAD_ALARM_CEILINGS`).
 */
export interface AthleteSettings extends Partial<AnalysisThresholds>, TrendThresholds, CoachThresholds {
  /** Send the email after each run (default on). */
  postRunEmail?: boolean;
  /** Send the weekly review (default on). */
  weeklyReviewEmail?: boolean;
}

/** Analysis thresholds a runner can override; the cadence threshold is the athlete's own column. */
export type AnalysisThresholds = Omit<AnalysisOptions, 'cadenceThresholdSpm'>;

/** Weekly-trend thresholds (see `WeeklyTrendsOptions`). */
export interface TrendThresholds {
  rampFlagPercent?: number;
  acuteChronicFlagRatio?: number;
  acuteChronicMinHistoryDays?: number;
}

/** Coaching thresholds (see `CoachProfile`). */
export interface CoachThresholds {
  longRunM?: number;
  paceDriftPercent?: number;
  decouplingPercent?: number;
}

/** The kinds of email a runner can turn off, by the setting that switches them. */
export const EMAIL_SWITCHES = {
  'run-summary': 'postRunEmail',
  'weekly-review': 'weeklyReviewEmail',
} as const;

/**
 * The load-alarm thresholds at their defaults are the most a runner may set: a lower ramp or ratio
 * flags a spike sooner, a shorter history lets the ratio speak sooner, but none can be raised to
 * silence the alarm (the 10% a week comes from the references; 1.3 and 21 days are runcue's own).
 */
export const LOAD_ALARM_CEILINGS = {
  rampFlagPercent: RAMP_FLAG_PERCENT,
  acuteChronicFlagRatio: ACUTE_CHRONIC_FLAG_RATIO,
  acuteChronicMinHistoryDays: ACUTE_CHRONIC_MIN_HISTORY_DAYS,
} as const;

const threshold = z.number().finite().nonnegative();
const loadThreshold = (key: keyof typeof LOAD_ALARM_CEILINGS) =>
  threshold
    .max(LOAD_ALARM_CEILINGS[key], {
      message: `can be lowered to flag a load spike sooner, not raised above ${LOAD_ALARM_CEILINGS[key]}: a spike always gets a reduction`,
    })
    .optional();
const analysisKeys = Object.keys(defaultAnalysisOptions).filter(
  (key): key is keyof AnalysisThresholds => key !== 'cadenceThresholdSpm',
);
const trendKeys = ['rampFlagPercent', 'acuteChronicFlagRatio', 'acuteChronicMinHistoryDays'] as const;
const coachKeys = ['longRunM', 'paceDriftPercent', 'decouplingPercent'] as const;

/** The settings a runner can change, checked once when they are written. Unknown names are refused. */
export const athleteSettingsSchema: z.ZodType<AthleteSettings> = z
  .object({
    postRunEmail: z.boolean().optional(),
    weeklyReviewEmail: z.boolean().optional(),
    ...Object.fromEntries([...analysisKeys, ...coachKeys].map((key) => [key, threshold.optional()])),
    ...Object.fromEntries(trendKeys.map((key) => [key, loadThreshold(key)])),
  })
  .strict();

/** Every setting's name, for help texts and suggestions. */
export const ATHLETE_SETTING_NAMES: readonly string[] = [
  'postRunEmail',
  'weeklyReviewEmail',
  ...analysisKeys,
  ...trendKeys,
  ...coachKeys,
];

/** Checks settings before they are stored; throws INVALID_ATHLETE naming the first bad setting. */
export function parseAthleteSettings(value: unknown): AthleteSettings {
  const parsed = athleteSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.');
  const detail =
    issue?.code === 'unrecognized_keys'
      ? `runcue has no setting called ${name}`
      : `setting ${name ?? ''}: ${issue?.message ?? 'invalid'}`;
  throw new StoreError('INVALID_ATHLETE', detail);
}

/** Whether this kind of email is sent to the athlete (both are on unless turned off). */
export function wantsEmail(settings: AthleteSettings, kind: keyof typeof EMAIL_SWITCHES): boolean {
  return settings[EMAIL_SWITCHES[kind]] !== false;
}

/** The analysis options of an athlete: their cadence threshold plus any analysis overrides. */
export function analysisOptionsOf(athlete: {
  cadenceThresholdSpm: number;
  settings: AthleteSettings;
}): Partial<AnalysisOptions> {
  const options: Partial<AnalysisOptions> = { cadenceThresholdSpm: athlete.cadenceThresholdSpm };
  for (const key of analysisKeys) {
    const value = athlete.settings[key];
    if (value !== undefined) options[key] = value;
  }
  return options;
}

/**
 * The athlete's overrides of the weekly-trend thresholds, each at most its ceiling in
 * `LOAD_ALARM_CEILINGS` (settings stored before the ceilings were checked are held to them too).
 */
export function trendThresholdsOf(settings: AthleteSettings): TrendThresholds {
  const picked = pick(settings, trendKeys);
  for (const key of trendKeys) {
    const value = picked[key];
    if (value !== undefined) picked[key] = Math.min(value, LOAD_ALARM_CEILINGS[key]);
  }
  return picked;
}

/** The athlete's overrides of the coaching thresholds. */
export function coachThresholdsOf(settings: AthleteSettings): CoachThresholds {
  return pick(settings, coachKeys);
}

function pick<K extends keyof AthleteSettings>(
  settings: AthleteSettings,
  keys: readonly K[],
): Pick<AthleteSettings, K> {
  const set = keys.filter((key) => settings[key] !== undefined);
  return Object.fromEntries(set.map((key) => [key, settings[key]])) as Pick<AthleteSettings, K>;
}
