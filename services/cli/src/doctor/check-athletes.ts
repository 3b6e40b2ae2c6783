import { isTimeZone } from '@runcue/analysis';
import type { Athlete } from '@runcue/store';
import type { Check } from './check.ts';

/** Cadence thresholds outside this range (steps/min) are almost certainly a typo. */
const SANE_THRESHOLD = { min: 140, max: 200 } as const;

/** Domains that never receive mail from the internet. */
const LOCAL_DOMAIN = /(^|\.)(localhost|local|localdomain|invalid|test|example)$/i;

/**
 * Checks one athlete's settings: an email that can receive mail (the `me@localhost` that
 * `runcue start` creates cannot), a time zone this runtime knows, and a plausible cadence
 * threshold. Returns one line per problem, or one `ok` line.
 */
export function checkAthlete(a: Athlete): Check[] {
  const name = `athlete ${a.name}`;
  const problems: Check[] = [];
  const domain = /^[^@\s]+@([^@\s]+)$/.exec(a.email)?.[1];
  const fix = `runcue athlete set ${quote(a.name)} --email <your address>`;
  if (domain === undefined) {
    problems.push({ status: 'warn', name, message: `"${a.email}" is not an email address`, hint: fix });
  } else if (LOCAL_DOMAIN.test(domain) || !domain.includes('.')) {
    problems.push({
      status: 'warn',
      name,
      message: `emails go to ${a.email}, which no mail server delivers to`,
      hint: `give your real address: ${fix}`,
    });
  }
  if (!isTimeZone(a.timeZone)) {
    problems.push({
      status: 'fail',
      name,
      message: `time zone "${a.timeZone}" is unknown to this Node.js`,
      hint: `runcue athlete set ${quote(a.name)} --tz Europe/Berlin (any IANA zone)`,
    });
  }
  const t = a.cadenceThresholdSpm;
  if (!Number.isFinite(t) || t < SANE_THRESHOLD.min || t > SANE_THRESHOLD.max) {
    problems.push({
      status: 'warn',
      name,
      message: `cadence threshold ${t} spm is outside ${SANE_THRESHOLD.min}-${SANE_THRESHOLD.max}, so cadence cues will be off`,
      hint: `runcue athlete set ${quote(a.name)} --threshold 170`,
    });
  }
  if (problems.length > 0) return problems;
  return [{ status: 'ok', name, message: `<${a.email}>, ${a.timeZone}, ${t} spm cadence threshold` }];
}

/** Quotes a name for a shell command line when it has anything but plain characters. */
function quote(s: string): string {
  return /^[\w@.+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
