import { TrendsError } from './trends-error.ts';

/**
 * runcue's one calendar: ISO weeks, local days and the time-zone check, for trends, the weekly
 * review's schedule, the store and the command line alike. A "day number" counts civil days since
 * 1970-01-01 of a local calendar date; it is only ever derived from a date string, so DST never
 * enters the arithmetic. The one place a time zone matters is `localDayOf`, which asks Intl for
 * the instant's local date.
 */

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch (cause) {
      throw new TrendsError(
        'TRENDS_BAD_TIME_ZONE',
        `"${timeZone}" is not a time zone this system knows (expected an IANA name like Europe/Berlin).`,
        { cause },
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows `timeZone` (an IANA name like Europe/Berlin): the one time-zone check. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws TRENDS_BAD_TIME_ZONE unless Intl knows `timeZone`. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The local day number of an instant in `timeZone`; null when the instant does not parse. */
export function localDayOf(iso: string, timeZone: string): number | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / MS_PER_DAY;
}

/** The ISO week (on the wall clock of `timeZone`) an instant falls in. */
export function isoWeekAt(at: Date, timeZone: string): string {
  return isoWeekOf(localDay(at, timeZone));
}

/** The last complete ISO week before `at` on the wall clock of `timeZone`: the one a weekly review covers. */
export function lastCompleteIsoWeekAt(at: Date, timeZone: string): string {
  return isoWeekOf(localDay(at, timeZone) - 7);
}

/** The local day number of an instant in `timeZone`. */
export function localDay(at: Date, timeZone: string): number {
  const day = localDayOf(at.toISOString(), timeZone);
  if (day === null) throw new RangeError(`${String(at)} is not an instant`);
  return day;
}

/** 'YYYY-MM-DD' → day number; null when it is not a real calendar date. */
function dayFromDate(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** Day number → 'YYYY-MM-DD'. */
export function dateFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Monday (day number) of the ISO week containing `day`. 1970-01-01 was a Thursday. */
function mondayOf(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return day - weekday;
}

/** ISO week label ('2026-W47') of the week containing `day`: the year of its Thursday. */
export function isoWeekOf(day: number): string {
  const thursday = mondayOf(day) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / MS_PER_DAY) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (day number) of an ISO week like '2026-W47'; null when there is no such week. */
export function mondayOfIsoWeek(isoWeek: string): number | null {
  const w = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (w === null) return null;
  // Week 1 is the week with 4 January in it.
  const monday = mondayOf(Date.UTC(Number(w[1]), 0, 4) / MS_PER_DAY) + (Number(w[2]) - 1) * 7;
  return Number(w[2]) >= 1 && isoWeekOf(monday) === isoWeek ? monday : null;
}

/** The instant at UTC midnight starting a day number. */
export function dayStart(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/**
 * The Monday of a week given as an ISO week ('2026-W47') or as a local date inside it
 * ('2026-11-18'). Throws TRENDS_BAD_WEEK for anything else, including week 53 of a 52-week year.
 */
export function mondayOfWeek(weekOf: string): number {
  if (/^\d{4}-W\d{2}$/.test(weekOf)) {
    const monday = mondayOfIsoWeek(weekOf);
    if (monday !== null) return monday;
  } else {
    const day = dayFromDate(weekOf);
    if (day !== null) return mondayOf(day);
  }
  throw new TrendsError(
    'TRENDS_BAD_WEEK',
    `"${weekOf}" is neither an ISO week like 2026-W47 nor a date like 2026-11-18.`,
  );
}
