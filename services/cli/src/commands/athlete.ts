import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { createAthlete, createToken, listAthletes, resolveAthlete, updateAthlete } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';
import { parseText, parseThreshold } from '../option-parsers.ts';

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
    .action(async (ref: string, opts: { name?: string; email?: string; tz?: string; threshold?: number }) => {
      if (Object.values(opts).every((v) => v === undefined))
        throw new CliError('NOTHING_TO_CHANGE', 'say what to change: --name, --email, --tz or --threshold');
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const found = await resolveAthlete(db, ref);
      const a = await updateAthlete(db, found.id, {
        ...(opts.name === undefined ? {} : { name: opts.name }),
        ...(opts.email === undefined ? {} : { email: opts.email }),
        ...(opts.tz === undefined ? {} : { timeZone: opts.tz }),
        ...(opts.threshold === undefined ? {} : { cadenceThresholdSpm: opts.threshold }),
      });
      if (a === null) throw new CliError('ATHLETE_NOT_FOUND', `athlete ${found.id} is gone`);
      ctx.stdout(`${a.name} <${a.email}> (${a.timeZone}, ${a.cadenceThresholdSpm} spm): ${a.id}\n`);
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
