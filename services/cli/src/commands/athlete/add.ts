import { createAthlete } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import { parseEmail, parseText, parseThreshold, parseTimeZone } from '../../option-parsers.ts';
import type { RegisterCommand } from '../register.ts';
import { localTimeZone } from './describe-athlete.ts';

/** `runcue athlete add`: a new runner. */
export const registerAthleteAdd: RegisterCommand = (athlete, ctx) => {
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
};
