import { wantsEmail, type Athlete } from '@runcue/store';
import { WEEKDAYS } from '../../option-parsers.ts';

/** The machine's time zone, the default for a new athlete. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A runner's units, email switches and overrides, as `athlete set` and `athlete list` print them. */
export function describeSettings(a: Athlete): string[] {
  const day = WEEKDAYS[a.weeklyReviewDay - 1] ?? String(a.weeklyReviewDay);
  const overrides = Object.entries(a.settings)
    .filter(([name]) => name !== 'postRunEmail' && name !== 'weeklyReviewEmail')
    .map(([name, value]) => `${name}=${String(value)}`)
    .sort();
  return [
    a.units,
    wantsEmail(a.settings, 'weekly-review')
      ? `weekly review ${day} ${a.weeklyReviewTime}`
      : 'weekly review off',
    wantsEmail(a.settings, 'run-summary') ? 'run emails on' : 'run emails off',
    ...overrides,
  ];
}
