import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import {
  createAthlete,
  createToken,
  deleteAthlete,
  listAthletes,
  resolveAthlete,
  updateAthlete,
} from '@runcue/store';
import { unitsOf } from '../athlete-units.ts';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';
import {
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
        ctx.stdout(`${a.id}  ${a.name}  <${a.email}>  ${a.timeZone}  ${a.cadenceThresholdSpm} spm\n`);
    });

  athlete
    .command('set')
    .description("change a runner's name, email, time zone or cadence threshold")
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
    .action(
      async (
        ref: string,
        opts: {
          name?: string;
          email?: string;
          tz?: string;
          threshold?: number;
          units?: 'km' | 'mi';
          reviewDay?: number;
          reviewTime?: string;
        },
      ) => {
        if (Object.values(opts).every((v) => v === undefined))
          throw new CliError(
            'NOTHING_TO_CHANGE',
            'say what to change: --name, --email, --tz, --threshold, --units, --review-day or --review-time',
          );
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const found = await resolveAthlete(db, ref);
        const a = await updateAthlete(db, found.id, {
          ...(opts.name === undefined ? {} : { name: opts.name }),
          ...(opts.email === undefined ? {} : { email: opts.email }),
          ...(opts.tz === undefined ? {} : { timeZone: opts.tz }),
          ...(opts.threshold === undefined ? {} : { cadenceThresholdSpm: opts.threshold }),
          ...(opts.units === undefined ? {} : { units: opts.units === 'mi' ? 'imperial' : 'metric' }),
          ...(opts.reviewDay === undefined ? {} : { weeklyReviewDay: opts.reviewDay }),
          ...(opts.reviewTime === undefined ? {} : { weeklyReviewTime: opts.reviewTime }),
        });
        if (a === null) throw new CliError('ATHLETE_NOT_FOUND', `athlete ${found.id} is gone`);
        const day = WEEKDAYS[a.weeklyReviewDay - 1] ?? String(a.weeklyReviewDay);
        ctx.stdout(
          `${a.name} <${a.email}> (${a.timeZone}, ${a.cadenceThresholdSpm} spm, ${unitsOf(a)}, weekly review ${day} ${a.weeklyReviewTime}): ${a.id}\n`,
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
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('expected an IANA time zone such as Europe/Berlin');
  }
}

/** The machine's time zone, the default for a new athlete. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
