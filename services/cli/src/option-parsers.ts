import { InvalidArgumentError } from 'commander';
import { isTimeZone, type Units } from '@runcue/analysis';
import type { SettingChange } from '@runcue/operations';
import { ATHLETE_SETTING_NAMES, type AthleteSettings } from '@runcue/store';

/**
 * Parsers for command-line option values, shared by several commands. Each throws commander's
 * InvalidArgumentError, which `runcue` reports as a USAGE error (exit 2) naming the option. They
 * live apart from the commands so that a command loads only its own module and this small one.
 */

/** Parses a step-rate threshold given on the command line. */
export function parseThreshold(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 100 || n > 230) {
    throw new InvalidArgumentError('expected steps per minute between 100 and 230');
  }
  return n;
}

/** Parses `--units`. */
export function parseUnits(value: string): Units {
  if (value !== 'km' && value !== 'mi') throw new InvalidArgumentError("expected 'km' or 'mi'");
  return value;
}

/** Parses `--limit`: a whole number of rows from 1 to 100000. */
export function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

/** Parses a name or label a person types: not empty, no control characters. */
export function parseText(value: string): string {
  const text = value.trim();
  if (text === '') throw new InvalidArgumentError('expected some text, not an empty string');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new InvalidArgumentError('expected text without control characters');
  return text;
}

/**
 * Parses `--since`: a date (2026-11-01, midnight UTC) or a span back from now (`30d`, `8w`).
 * Returns a function of the clock, so that the command's own clock decides "now".
 */
export function parseSince(value: string): (now: Date) => Date {
  const span = /^(\d{1,4})([dw])$/.exec(value.trim());
  if (span) {
    const days = Number(span[1]) * (span[2] === 'w' ? 7 : 1);
    return (now) => new Date(now.getTime() - days * 86_400_000);
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(`${value.trim()}T00:00:00Z`) : null;
  if (date === null || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(
      'expected a date such as 2026-11-01, or a span back from today such as 30d or 8w',
    );
  return () => date;
}

/** Days of the week as `--review-day` takes them, Monday first (ISO weekday 1 … 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Parses `--review-day`: a day's name or its first three letters; returns the ISO weekday (1 = Monday). */
export function parseWeekday(value: string): number {
  const day = value.trim().toLowerCase().slice(0, 3);
  const i = WEEKDAYS.findIndex((d) => d === day);
  if (i < 0 || !/^[a-z]+$/i.test(value.trim()))
    throw new InvalidArgumentError(`expected a day: ${WEEKDAYS.join(', ')}`);
  return i + 1;
}

/** Parses a time of day, `HH:MM` on a 24-hour clock (7:00 and 07:00 both work). */
export function parseTimeOfDay(value: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const [hh, mm] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || hh > 23 || mm > 59)
    throw new InvalidArgumentError('expected a time of day such as 07:00 or 18:30');
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** Parses an on/off switch (`on`, `off`, and also `yes`/`no`, `true`/`false`). */
export function parseOnOff(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['on', 'yes', 'true'].includes(v)) return true;
  if (['off', 'no', 'false'].includes(v)) return false;
  throw new InvalidArgumentError("expected 'on' or 'off'");
}

/** Parses an email address, as `--email` takes it. */
export function parseEmail(value: string): string {
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new InvalidArgumentError('expected an email address');
  return value;
}

/** Parses `--tz`: a time zone this system knows. */
export function parseTimeZone(value: string): string {
  if (!isTimeZone(value)) throw new InvalidArgumentError('expected an IANA time zone such as Europe/Berlin');
  return value;
}

/** Parses one `--setting name=value`: a number, on/off for a switch, or `default` to drop the override. */
export function parseSetting(raw: string, previous: SettingChange[] = []): SettingChange[] {
  const m = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(raw);
  if (!m) throw new InvalidArgumentError('expected name=value, e.g. rampFlagPercent=8');
  const [, name = '', text = ''] = m;
  if (!ATHLETE_SETTING_NAMES.includes(name))
    throw new InvalidArgumentError(
      `runcue has no setting called ${name}; settings: ${ATHLETE_SETTING_NAMES.join(', ')}`,
    );
  const lower = text.toLowerCase();
  const value =
    lower === 'default'
      ? null
      : lower === 'on' || lower === 'off'
        ? lower === 'on'
        : /^\d+(\.\d+)?$/.test(text)
          ? Number(text)
          : undefined;
  if (value === undefined)
    throw new InvalidArgumentError(`expected a number, on/off or 'default' for ${name}, not "${text}"`);
  return [...previous, { name: name as keyof AthleteSettings, value }];
}
