import { isoWeekOf } from '@runcue/analysis';

/**
 * Decides which athletes' weekly reviews are due. A plain function of the clock and the athletes,
 * so the cron tick that calls it is trivial and the decision is tested without waiting.
 */

export interface WeeklySchedule {
  athleteId: string;
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  /** ISO weekday the review goes out on: 1 = Monday … 7 = Sunday. Default 1. */
  weekday?: number;
  /** Local time of day, 'HH:MM'. Default '07:00'. */
  time?: string;
  /** When the athlete joined: weeks whose send moment came before it are not reviewed. */
  since?: Date;
}

export interface WeeklyDue {
  athleteId: string;
  /** The ISO week the review covers, e.g. '2026-W47': the week holding the day before the send day. */
  isoWeek: string;
  timeZone: string;
}

export const DEFAULT_WEEKLY_WEEKDAY = 1;
export const DEFAULT_WEEKLY_TIME = '07:00';
const MS_PER_DAY = 86_400_000;

/**
 * The athletes whose weekly review is due at `now`: their send moment in the current local week
 * (their weekday and time, on their own wall clock) has passed. It stays due for the rest of that
 * local week, so a server that was down at 07:00 catches up later; the outbox's unique key on
 * athlete + kind + week makes enqueuing it again on every tick harmless. Comparing wall-clock
 * values sidesteps DST: a 02:30 that does not exist becomes due when the clock jumps past it, and
 * a repeated hour fires on its first pass. An athlete who joined after this week's send moment
 * waits for next week, rather than getting a review of a week before they were here.
 */
export function weeklyDue(now: Date, athletes: readonly WeeklySchedule[]): WeeklyDue[] {
  const due: WeeklyDue[] = [];
  for (const a of athletes) {
    const local = wallClock(now, a.timeZone);
    const weekday = a.weekday ?? DEFAULT_WEEKLY_WEEKDAY;
    const [hh, mm] = parseTime(a.time ?? DEFAULT_WEEKLY_TIME);
    const monday = local.day - (local.isoWeekday - 1);
    const sendDay = monday + (weekday - 1);
    const sendMinute = sendDay * 1440 + hh * 60 + mm;
    const nowMinute = local.day * 1440 + local.minuteOfDay;
    if (nowMinute < sendMinute) continue;
    if (a.since !== undefined) {
      const joined = wallClock(a.since, a.timeZone);
      if (joined.day * 1440 + joined.minuteOfDay > sendMinute) continue;
    }
    due.push({ athleteId: a.athleteId, isoWeek: isoWeekOf(sendDay - 1), timeZone: a.timeZone });
  }
  return due;
}

/** Local calendar day number (days since 1970-01-01), ISO weekday and minute of day of an instant. */
export function wallClock(
  now: Date,
  timeZone: string,
): { day: number; isoWeekday: number; minuteOfDay: number } {
  const parts = formatter(timeZone).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const day = Date.UTC(get('year'), get('month') - 1, get('day')) / MS_PER_DAY;
  const hour = get('hour') % 24; // some engines print midnight as 24
  return { day, isoWeekday: ((((day + 3) % 7) + 7) % 7) + 1, minuteOfDay: hour * 60 + get('minute') };
}

function parseTime(time: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) return [7, 0];
  return [Number(m[1]), Number(m[2])];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}
