import { assertTimeZone, dateFromDay, isoWeekOf, localDayOf, mondayOfWeek } from './local-day.ts';
import type { PainEntry } from './pain-entry.ts';
import type { RunRecord } from './run-record.ts';
import { TrendsError } from './trends-error.ts';
import type {
  ShoeRecord,
  TrendsSkipped,
  WeekPain,
  WeekShoe,
  WeekTrend,
  WeeklyTrends,
  WeeklyTrendsOptions,
} from './trends.ts';
import { ACUTE_CHRONIC_FLAG_RATIO, ACUTE_CHRONIC_MIN_HISTORY_DAYS, RAMP_FLAG_PERCENT } from './trends.ts';
import { median, weightedMean, weightedMedian } from './week-stats.ts';
import { acuteChronicRatio, dailyDistance, distanceOver, rampPercent } from './weekly-load.ts';

interface PlacedRun {
  run: RunRecord;
  day: number;
}

interface PlacedPain {
  entry: PainEntry;
  day: number;
}

/**
 * Weekly trends for the `weeks` ISO weeks (default 12) ending with the week of `options.weekOf`,
 * counted in the athlete's time zone. Pure: the dates come from the runs and the options, never
 * from a clock. For the first week's ramp and acute:chronic ratio to be right, pass the runs of the
 * four weeks before the window as well. The ratio needs history: it is null (and unflagged) for a
 * day less than 21 days after the athlete's first run (`firstRunAt`, else the earliest run passed
 * in), and the ramp is null after a week without distance. Unusable runs or pain entries are listed in `skipped`;
 * unusable options throw a TrendsError.
 */
export function weeklyTrends(
  runs: readonly RunRecord[],
  pain: readonly PainEntry[],
  options: WeeklyTrendsOptions,
): WeeklyTrends {
  const weeks = options.weeks ?? 12;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) {
    throw new TrendsError('TRENDS_BAD_OPTION', `weeks must be a whole number from 1 to 520, got ${weeks}.`);
  }
  if (!(options.thresholdSpm > 0)) {
    throw new TrendsError(
      'TRENDS_BAD_OPTION',
      `thresholdSpm must be a positive number of steps/min, got ${options.thresholdSpm}.`,
    );
  }
  const minHistoryDays = options.acuteChronicMinHistoryDays ?? ACUTE_CHRONIC_MIN_HISTORY_DAYS;
  if (!Number.isInteger(minHistoryDays) || minHistoryDays < 0 || minHistoryDays > 28) {
    throw new TrendsError(
      'TRENDS_BAD_OPTION',
      `acuteChronicMinHistoryDays must be a whole number from 0 to 28, got ${minHistoryDays}.`,
    );
  }
  assertTimeZone(options.timeZone);
  const lastMonday = mondayOfWeek(options.weekOf);
  const rampFlagPercent = options.rampFlagPercent ?? RAMP_FLAG_PERCENT;
  const acuteChronicFlagRatio = options.acuteChronicFlagRatio ?? ACUTE_CHRONIC_FLAG_RATIO;

  const skipped: TrendsSkipped[] = [];
  const placedRuns = placeRuns(runs, options.timeZone, skipped);
  const placedPain = placePain(pain, options.timeZone, skipped);
  const daily = dailyDistance(placedRuns.map((p) => ({ day: p.day, distanceM: p.run.distanceM })));
  const firstDay = firstRunDay(placedRuns, options);

  const result: WeekTrend[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const monday = lastMonday - i * 7;
    const sunday = monday + 6;
    const inWeek = placedRuns.filter((p) => p.day >= monday && p.day <= sunday).map((p) => p.run);
    const distanceM = inWeek.reduce((s, r) => s + r.distanceM, 0);
    const longRunM = inWeek.reduce((m, r) => Math.max(m, r.distanceM), 0);
    const ramp = rampPercent(distanceOver(daily, monday - 1, 7), distanceM);
    // Without three weeks of history the 28-day average is mostly days before the runner started.
    const acr =
      firstDay !== null && sunday - firstDay >= minHistoryDays ? acuteChronicRatio(daily, sunday) : null;
    const decaying = inWeek.filter((r) => r.analysis.formDecayDetected);
    const withCadence = inWeek.filter((r) => r.analysis.cadenceMedianSpm !== null);
    const decoupled = inWeek.flatMap((r) =>
      r.analysis.decouplingPercent === null ? [] : [r.analysis.decouplingPercent],
    );
    result.push({
      isoWeek: isoWeekOf(monday),
      startDate: dateFromDay(monday),
      endDate: dateFromDay(sunday),
      distanceM,
      movingTimeS: inWeek.reduce((s, r) => s + (r.movingTimeS ?? r.runningTimeS), 0),
      runningTimeS: inWeek.reduce((s, r) => s + r.runningTimeS, 0),
      runCount: inWeek.length,
      longRunM,
      longRunShare: distanceM > 0 ? longRunM / distanceM : null,
      rampPercent: ramp,
      rampFlag: ramp !== null && ramp > rampFlagPercent,
      acuteChronicRatio: acr,
      acuteChronicFlag: acr !== null && acr > acuteChronicFlagRatio,
      cadenceMedianSpm: weightedMedian(
        withCadence.map((r) => ({
          value: r.analysis.cadenceMedianSpm ?? 0,
          weight: r.analysis.cadenceCoveredS,
        })),
      ),
      shareBelowThreshold: weightedMean(
        inWeek.flatMap((r) =>
          r.analysis.shareBelowThreshold === null
            ? []
            : [{ value: r.analysis.shareBelowThreshold, weight: r.analysis.cadenceCoveredS }],
        ),
      ),
      formDecayRuns: decaying.length,
      decayOnsetMedianPercent: median(
        decaying.flatMap((r) =>
          r.analysis.decayOnsetPercent === null ? [] : [r.analysis.decayOnsetPercent],
        ),
      ),
      decouplingMedianPercent: median(decoupled),
      decouplingRuns: decoupled.length,
      paceDriftMedianPercent: median(
        inWeek.flatMap((r) => (r.analysis.paceDriftPercent === null ? [] : [r.analysis.paceDriftPercent])),
      ),
      pain: weekPain(placedPain.filter((p) => p.day >= monday && p.day <= sunday).map((p) => p.entry)),
      shoes: weekShoes(options.shoes ?? [], placedRuns, monday, sunday),
    });
  }
  return {
    timeZone: options.timeZone,
    thresholdSpm: options.thresholdSpm,
    rampFlagPercent,
    acuteChronicFlagRatio,
    weeks: result,
    skipped,
  };
}

/** Local day of the athlete's first known run: `firstRunAt` or the earliest run passed in, whichever is earlier. */
function firstRunDay(placed: readonly PlacedRun[], options: WeeklyTrendsOptions): number | null {
  let first: number | null = null;
  if (options.firstRunAt !== undefined && options.firstRunAt !== null) {
    first = localDayOf(options.firstRunAt, options.timeZone);
    if (first === null)
      throw new TrendsError(
        'TRENDS_BAD_OPTION',
        `firstRunAt must be an ISO date-time, got "${options.firstRunAt}".`,
      );
  }
  for (const p of placed) if (first === null || p.day < first) first = p.day;
  return first;
}

function placeRuns(runs: readonly RunRecord[], timeZone: string, skipped: TrendsSkipped[]): PlacedRun[] {
  const placed: PlacedRun[] = [];
  for (const run of runs) {
    const day = localDayOf(run.startTime, timeZone);
    if (day === null) {
      skipped.push({
        kind: 'run',
        ref: run.activityId,
        reason: `start time "${run.startTime}" is not an ISO date-time`,
      });
    } else if (!(run.distanceM >= 0) || !(run.runningTimeS >= 0)) {
      skipped.push({
        kind: 'run',
        ref: run.activityId,
        reason: 'distance or running time is negative or not a number',
      });
    } else {
      placed.push({ run, day });
    }
  }
  return placed;
}

function placePain(pain: readonly PainEntry[], timeZone: string, skipped: TrendsSkipped[]): PlacedPain[] {
  const placed: PlacedPain[] = [];
  for (const entry of pain) {
    const day = localDayOf(entry.at, timeZone);
    if (day === null) skipped.push({ kind: 'pain', ref: entry.at, reason: 'time is not an ISO date-time' });
    else if (!(entry.score >= 0 && entry.score <= 10))
      skipped.push({ kind: 'pain', ref: entry.at, reason: `score ${entry.score} is outside 0-10` });
    else placed.push({ entry, day });
  }
  return placed;
}

function weekPain(entries: readonly PainEntry[]): WeekPain {
  if (entries.length === 0) return { count: 0, maxScore: null, meanScore: null, redFlagCount: 0 };
  const scores = entries.map((e) => e.score);
  return {
    count: entries.length,
    maxScore: Math.max(...scores),
    meanScore: scores.reduce((s, v) => s + v, 0) / scores.length,
    redFlagCount: entries.filter((e) => e.flags.length > 0).length,
  };
}

/** Shoes worn during the week, with their running total at the week's end. */
function weekShoes(
  shoes: readonly ShoeRecord[],
  runs: readonly PlacedRun[],
  monday: number,
  sunday: number,
): WeekShoe[] {
  const out: WeekShoe[] = [];
  for (const shoe of shoes) {
    const worn = runs.filter((p) => p.run.shoeId === shoe.id && p.day <= sunday);
    const weekDistanceM = worn.filter((p) => p.day >= monday).reduce((s, p) => s + p.run.distanceM, 0);
    if (!worn.some((p) => p.day >= monday)) continue;
    const totalDistanceM = shoe.distanceBeforeM + worn.reduce((s, p) => s + p.run.distanceM, 0);
    out.push({
      shoeId: shoe.id,
      name: shoe.name,
      weekDistanceM,
      totalDistanceM,
      warn: totalDistanceM >= shoe.warnAtM,
    });
  }
  return out;
}
