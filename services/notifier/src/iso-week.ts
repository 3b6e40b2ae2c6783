/**
 * ISO-week arithmetic on local calendar day numbers (days since 1970-01-01, which was a Thursday).
 * Only ever fed dates, so DST does not enter it.
 */

const MS_PER_DAY = 86_400_000;

/** ISO week label ('2026-W47') of a day number: the ISO year is the year of that week's Thursday. */
export function isoWeekOfDay(day: number): string {
  const thursday = mondayOfDay(day) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / MS_PER_DAY) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the week holding `day`. */
function mondayOfDay(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The Monday (day number) of an ISO week like '2026-W47'; null when there is no such week. */
export function mondayOfIsoWeek(isoWeek: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) return null;
  const monday = mondayOfDay(Date.UTC(Number(m[1]), 0, 4) / MS_PER_DAY) + (Number(m[2]) - 1) * 7;
  return isoWeekOfDay(monday) === isoWeek ? monday : null;
}

/** The instant at UTC midnight starting a day number. */
export function dayStart(day: number): Date {
  return new Date(day * MS_PER_DAY);
}
