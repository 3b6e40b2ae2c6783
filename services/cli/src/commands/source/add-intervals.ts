import { addIntervalsSource, resolveAthlete } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';
import { intervalsAccount, tryLogin } from './intervals-account.ts';

/** `runcue source add-intervals <athlete>`: sync an intervals.icu account. */
export const registerSourceAddIntervals: RegisterCommand = (source, ctx) => {
  source
    .command('add-intervals')
    .description('sync an intervals.icu account, the hub for Garmin, COROS, Suunto, Polar and Wahoo')
    .argument('<athlete>', 'id, email or name')
    .requiredOption('--athlete-id <id>', 'your intervals.icu athlete id (Settings, e.g. i12345)')
    .requiredOption(
      '--api-key <key>',
      "your intervals.icu API key (Settings, Developer Settings); '-' reads it from standard input",
    )
    .option('--since <date>', 'fetch activities from this date on, YYYY-MM-DD (default: 90 days ago)')
    .option('--no-check', 'store it without trying the login now')
    .action(
      async (ref: string, opts: { athleteId: string; apiKey: string; since?: string; check: boolean }) => {
        const account = await intervalsAccount(opts, ctx.now());
        if (opts.check) await tryLogin(ctx, account.intervalsAthleteId, account.apiKey);
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const a = await resolveAthlete(db, ref);
        await addIntervalsSource(db, { athleteId: a.id, ...account }, ctx.now());
        ctx.stdout(
          `syncing intervals.icu athlete ${account.intervalsAthleteId} for ${a.name}, activities from ${account.since} on; runcue start polls every ${Math.round(ctx.config.intervalsPollSeconds / 60)} min (the API key is stored in runcue's database and never shown)\n`,
        );
      },
    );
};
