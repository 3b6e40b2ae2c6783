import { ACUTE_CHRONIC_FLAG_RATIO, type WeekTrend } from '@runcue/analysis';
import type { Units } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { formatDistance, formatNumber } from '../format-units.ts';
import { SOURCES } from '../sources.ts';

/** The four weeks before the current one must hold runs in at least this many of them. */
const LOAD_MIN_WEEKS_WITH_RUNS = 3;
/** …and at least this much distance a week on average, m: below it, ratios are noise. */
const LOAD_MIN_CHRONIC_WEEKLY_M = 10_000;
/** The week must be at least this much above its comparison, m, before a jump is called a spike. */
const LOAD_MIN_INCREASE_M = 5_000;
/** Weeks of history before the current one that make up the chronic load. */
const CHRONIC_WEEKS = 4;

/** A load spike worth an alarm in the last of `weeks`, or null (see `loadRamp` for the limits). */
export interface LoadSpike {
  /** The week-over-week rise is flagged and meaningful. */
  ramp: boolean;
  /** The acute:chronic ratio is flagged and meaningful. */
  ratio: boolean;
  previousM: number;
  chronicWeeklyM: number;
}

/**
 * Whether the last of `weeks` (oldest first) is a load spike worth an alarm: its ramp or ratio
 * flag is set, the four weeks before hold runs in at least three and 10 km a week on average,
 * and the rise is at least 5 km. The weekly review's warnings and the coach use the same test.
 */
export function loadSpike(weeks: readonly WeekTrend[]): LoadSpike | null {
  const week = weeks[weeks.length - 1];
  if (week === undefined || (!week.rampFlag && !week.acuteChronicFlag)) return null;
  const before = weeks.slice(Math.max(0, weeks.length - 1 - CHRONIC_WEEKS), weeks.length - 1);
  if (before.length < CHRONIC_WEEKS) return null;
  if (before.filter((w) => w.runCount > 0).length < LOAD_MIN_WEEKS_WITH_RUNS) return null;
  const chronicWeeklyM = before.reduce((sum, w) => sum + w.distanceM, 0) / CHRONIC_WEEKS;
  if (chronicWeeklyM < LOAD_MIN_CHRONIC_WEEKLY_M) return null;
  const previousM = before[before.length - 1]?.distanceM ?? 0;
  const ramp = week.rampFlag && week.distanceM - previousM >= LOAD_MIN_INCREASE_M;
  const ratio = week.acuteChronicFlag && week.distanceM - chronicWeeklyM >= LOAD_MIN_INCREASE_M;
  return ramp || ratio ? { ramp, ratio, previousM, chronicWeeklyM } : null;
}

/**
 * Load ramp: the week's distance rose more than 10% over the last (003: at most 10% a week), or
 * the acute:chronic ratio is above 1.3 (not in the references: runcue's general guidance). Only
 * with enough history and volume to mean something: runs in at least three of the four weeks
 * before, at least 10 km a week on average, and a rise of at least 5 km. So a runner's second
 * run, a run after a break or a one-minute recording is never called a spike. The next target is
 * a reduction, never "up to 10% more" (004: cut mileage for a few days, a short deload loses no
 * fitness; sudden jumps load the lumbar spine). `weeks` is oldest first, the current week last;
 * `acuteChronicFlagRatio` is the ratio the trends flagged at (the athlete's, 1.3 by default).
 */
export function loadRamp(
  weeks: readonly WeekTrend[],
  units: Units,
  acuteChronicFlagRatio = ACUTE_CHRONIC_FLAG_RATIO,
): Finding | null {
  const spike = loadSpike(weeks);
  const week = weeks[weeks.length - 1];
  if (spike === null || week === undefined) return null;
  const { ramp, ratio, previousM, chronicWeeklyM } = spike;

  const facts: string[] = [];
  if (ramp && week.rampPercent !== null) {
    facts.push(
      `distance rose ${Math.round(week.rampPercent)}% on the week before (${formatDistance(previousM, units)} to ${formatDistance(week.distanceM, units)})`,
    );
  }
  if (ratio && week.acuteChronicRatio !== null) {
    facts.push(
      `its distance is ${formatNumber(week.acuteChronicRatio, 2)} times your average week over the four weeks to its end (runcue flags above ${acuteChronicFlagRatio})`,
    );
  }
  // The next target: back below this week, to the lower of last week and the four-week average.
  const targetM = Math.min(previousM, chronicWeeklyM);
  const target = formatDistance(targetM, units);
  return {
    id: 'load-ramp',
    kind: 'training',
    severity: 'warning',
    priority: 70,
    reason: `In week ${week.isoWeek} ${facts.join(', and ')}.`,
    metrics: {
      isoWeek: week.isoWeek,
      weekDistanceM: week.distanceM,
      previousWeekDistanceM: previousM,
      chronicWeeklyDistanceM: Math.round(chronicWeeklyM),
      targetDistanceM: Math.round(targetM),
      rampPercent: week.rampPercent === null ? null : Math.round(week.rampPercent),
      acuteChronicRatio: week.acuteChronicRatio === null ? null : Number(week.acuteChronicRatio.toFixed(2)),
    },
    source: ratio ? [SOURCES.rehab, SOURCES.causes, SOURCES.general] : [SOURCES.rehab, SOURCES.causes],
    messages: [
      [
        `Mileage jumped. Bring next week back down to about ${target} and keep the runs easy.`,
        `That was a big step up. Make next week lighter, about ${target}, rather than adding more.`,
      ],
      [
        `Load is still high. Take a few easier days and keep next week to about ${target}; a back handles steady growth better than spikes.`,
        `Cut back for a few days: shorter, easy runs and no back-to-back hard sessions, with next week at about ${target}.`,
      ],
      [
        `Load keeps jumping. Take a lighter week at about ${target} with no hills or hard sessions; a short deload costs you no fitness.`,
        `Time for a lighter week: about ${target}, easy running only. You will not lose fitness, and the next block will go better.`,
      ],
    ],
    recovery: ['strength-twice-weekly'],
  };
}
