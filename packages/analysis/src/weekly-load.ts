/**
 * Training-load arithmetic on local day numbers (see local-day.ts): daily distance, the
 * week-over-week ramp and the acute:chronic ratio. Load is distance; both averages are rolling
 * averages over calendar days ending on the given day, rest days counting as zero.
 */

export interface DayLoad {
  /** Local day number of the run (days since 1970-01-01 in the athlete's calendar). */
  day: number;
  distanceM: number;
}

/** Sum distance per local day. */
export function dailyDistance(runs: readonly DayLoad[]): Map<number, number> {
  const byDay = new Map<number, number>();
  for (const r of runs) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.distanceM);
  return byDay;
}

/** Total distance over the `days` calendar days ending with `endDay` (inclusive). */
export function distanceOver(daily: ReadonlyMap<number, number>, endDay: number, days: number): number {
  let sum = 0;
  for (let d = endDay - days + 1; d <= endDay; d++) sum += daily.get(d) ?? 0;
  return sum;
}

/**
 * Acute:chronic workload ratio at the end of `endDay`: the average daily distance of the last 7
 * days divided by that of the last 28 days (the 7 included). Above about 1.3 the recent week is
 * well beyond what the runner has been used to. Null when the 28 days hold no running.
 */
export function acuteChronicRatio(daily: ReadonlyMap<number, number>, endDay: number): number | null {
  const chronic = distanceOver(daily, endDay, 28) / 28;
  if (chronic <= 0) return null;
  const acute = distanceOver(daily, endDay, 7) / 7;
  return acute / chronic;
}

/**
 * Week-over-week change of distance in percent (+25 = a quarter more than last week). Null when
 * the previous week had no distance: a percentage of nothing says nothing.
 */
export function rampPercent(previousWeekM: number, thisWeekM: number): number | null {
  if (!(previousWeekM > 0)) return null;
  return ((thisWeekM - previousWeekM) / previousWeekM) * 100;
}
