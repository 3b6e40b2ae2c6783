import { TrendsError } from './trends-error.ts';

/**
 * Calendar arithmetic for trends. A "day number" counts civil days since 1970-01-01 of a local
 * calendar date; it is only ever derived from a date string, so DST never enters the arithmetic.
 * The one place a time zone matters is `localDayOf`, which asks Intl for the instant's local date.
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

/**
 * The Monday of a week given as an ISO week ('2026-W47') or as a local date inside it
 * ('2026-11-18'). Throws TRENDS_BAD_WEEK for anything else, including week 53 of a 52-week year.
 */
export function mondayOfWeek(weekOf: string): number {
  const w = /^(\d{4})-W(\d{2})$/.exec(weekOf);
  if (w !== null) {
    const year = Number(w[1]);
    const week = Number(w[2]);
    // Week 1 is the week with 4 January in it.
    const monday = mondayOf(Date.UTC(year, 0, 4) / MS_PER_DAY) + (week - 1) * 7;
    if (week >= 1 && isoWeekOf(monday) === weekOf) return monday;
  } else {
    const day = dayFromDate(weekOf);
    if (day !== null) return mondayOf(day);
  }
  throw new TrendsError(
    'TRENDS_BAD_WEEK',
    `"${weekOf}" is neither an ISO week like 2026-W47 nor a date like 2026-11-18.`,
  );
}
