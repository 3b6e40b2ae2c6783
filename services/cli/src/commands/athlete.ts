import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { isTimeZone, type Units } from '@runcue/analysis';
import {
  ATHLETE_SETTING_NAMES,
  createAthlete,
  createToken,
  deleteAthlete,
  listAthletes,
  resolveAthlete,
  updateAthlete,
  wantsEmail,
  type Athlete,
  type AthleteSettings,
} from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';
import {
  parseOnOff,
  parseText,
  parseThreshold,
  parseTimeOfDay,
  parseUnits,
  parseWeekday,
  WEEKDAYS,
} from '../option-parsers.ts';

/** `runcue athlete add|list|set|token`: the runners this runcue serves and their API tokens. */
export const registerAthlete: RegisterCommand = (program, ctx) => {
  const athlete = program.command('athlete').description('add and list runners, and give them API tokens');

  athlete
    .command('add')
    .description('add a runner')
    .requiredOption('--name <name>', 'how the runner is called', parseText)
    .requiredOption('--email <email>', 'where summaries and weekly reviews are sent', parseEmail)
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin', parseTimeZone, localTimeZone())
    .option('--threshold <spm>', 'cadence threshold in steps/min', parseThreshold, 170)
    .action(async (opts: { name: string; email: string; tz: string; threshold: number }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await createAthlete(
        db,
        { name: opts.name, email: opts.email, timeZone: opts.tz, cadenceThresholdSpm: opts.threshold },
        ctx.now(),
      );
      ctx.stdout(`added ${a.name} <${a.email}> (${a.timeZone}, ${a.cadenceThresholdSpm} spm): ${a.id}\n`);
    });

  athlete
    .command('list')
    .description('list the runners')
    .action(async () => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const all = await listAthletes(db);
      if (all.length === 0)
        ctx.stdout("no athletes yet: add one with 'runcue athlete add --name ... --email ...'\n");
      for (const a of all)
        ctx.stdout(
          `${a.id}  ${a.name}  <${a.email}>  ${a.timeZone}  ${a.cadenceThresholdSpm} spm  ${describeSettings(a).join('  ')}\n`,
        );
    });

  athlete
    .command('set')
    .description("change a runner's name, email, time zone, units, emails or thresholds")
    .argument('<athlete>', 'id, email or name')
    .option('--name <name>', 'how the runner is called', parseText)
    .option('--email <email>', 'where summaries and weekly reviews are sent', parseEmail)
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin', parseTimeZone)
    .option('--threshold <spm>', 'cadence threshold in steps/min', parseThreshold)
    .option('--units <units>', "'km' or 'mi': how emails and reports show distances and paces", parseUnits)
    .option('--review-day <day>', 'the weekly review goes out on this day: mon, tue, … sun', parseWeekday)
    .option(
      '--review-time <HH:MM>',
      "at this time of day, in the runner's time zone, e.g. 07:00",
      parseTimeOfDay,
    )
    .option('--run-emails <on|off>', 'send an email after each run', parseOnOff)
    .option('--weekly-review <on|off>', 'send the weekly review', parseOnOff)
    .option(
      '--setting <name=value>',
      "override a threshold, e.g. rampFlagPercent=8 ('name=default' drops the override); repeatable",
      parseSetting,
    )
    .action(
      async (
        ref: string,
        opts: {
          name?: string;
          email?: string;
          tz?: string;
          threshold?: number;
          units?: Units;
          reviewDay?: number;
          reviewTime?: string;
          runEmails?: boolean;
          weeklyReview?: boolean;
          setting?: SettingChange[];
        },
      ) => {
        if (Object.values(opts).every((v) => v === undefined))
          throw new CliError(
            'NOTHING_TO_CHANGE',
            'say what to change: --name, --email, --tz, --threshold, --units, --review-day, --review-time, --run-emails, --weekly-review or --setting',
          );
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const found = await resolveAthlete(db, ref);
        const settings = changedSettings(found.settings, opts);
        const a = await updateAthlete(db, found.id, {
          ...(opts.name === undefined ? {} : { name: opts.name }),
          ...(opts.email === undefined ? {} : { email: opts.email }),
          ...(opts.tz === undefined ? {} : { timeZone: opts.tz }),
          ...(opts.threshold === undefined ? {} : { cadenceThresholdSpm: opts.threshold }),
          ...(opts.units === undefined ? {} : { units: opts.units }),
          ...(opts.reviewDay === undefined ? {} : { weeklyReviewDay: opts.reviewDay }),
          ...(opts.reviewTime === undefined ? {} : { weeklyReviewTime: opts.reviewTime }),
          ...(settings === null ? {} : { settings }),
        });
        if (a === null) throw new CliError('ATHLETE_NOT_FOUND', `athlete ${found.id} is gone`);
        ctx.stdout(
          `${a.name} <${a.email}> (${a.timeZone}, ${a.cadenceThresholdSpm} spm, ${describeSettings(a).join(', ')}): ${a.id}\n`,
        );
      },
    );

  athlete
    .command('remove')
    .description(
      'remove a runner and everything runcue keeps of theirs (runs, files, pain log, shoes, sources)',
    )
    .argument('<athlete>', 'id, email or name')
    .option('--yes', 'yes, delete all of it (there is no undo)')
    .action(async (ref: string, opts: { yes?: boolean }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await resolveAthlete(db, ref);
      if (!opts.yes)
        throw new CliError(
          'CONFIRMATION_REQUIRED',
          `this deletes ${a.name} and all their runs, files and pain entries for good: run it again with --yes`,
        );
      await deleteAthlete(db, a.id);
      ctx.stdout(`removed ${a.name} <${a.email}> and everything of theirs\n`);
    });

  athlete
    .command('token')
    .description('create an API token for uploads (shown once, stored hashed)')
    .argument('<athlete>', 'id, email or name')
    .option('--label <label>', 'what the token is for, e.g. "phone"', parseText)
    .action(async (ref: string, opts: { label?: string }) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const a = await resolveAthlete(db, ref);
      const { token } = await createToken(db, a.id, opts.label ?? null, randomBytes(32), ctx.now());
      ctx.stdout(`${token}\n`);
      ctx.stderr(`This token uploads runs as ${a.name}. It is shown only now; runcue keeps only its hash.\n`);
    });
};

function parseEmail(value: string): string {
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new InvalidArgumentError('expected an email address');
  return value;
}

function parseTimeZone(value: string): string {
  if (!isTimeZone(value)) throw new InvalidArgumentError('expected an IANA time zone such as Europe/Berlin');
  return value;
}

/** The machine's time zone, the default for a new athlete. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** One `--setting name=value`: a number, on/off for a switch, or `default` to drop the override. */
interface SettingChange {
  name: keyof AthleteSettings;
  value: number | boolean | null;
}

function parseSetting(raw: string, previous: SettingChange[] = []): SettingChange[] {
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

/** The athlete's settings with the switches and `--setting`s applied, or null when none was given. */
function changedSettings(
  current: AthleteSettings,
  opts: { runEmails?: boolean; weeklyReview?: boolean; setting?: SettingChange[] },
): AthleteSettings | null {
  const changes: SettingChange[] = [
    ...(opts.runEmails === undefined ? [] : [{ name: 'postRunEmail' as const, value: opts.runEmails }]),
    ...(opts.weeklyReview === undefined
      ? []
      : [{ name: 'weeklyReviewEmail' as const, value: opts.weeklyReview }]),
    ...(opts.setting ?? []),
  ];
  if (changes.length === 0) return null;
  const next: Record<string, unknown> = { ...current };
  for (const { name, value } of changes) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next; // checked by the store against athleteSettingsSchema
}

/** A runner's units, email switches and overrides, as `athlete set` and `athlete list` print them. */
function describeSettings(a: Athlete): string[] {
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
