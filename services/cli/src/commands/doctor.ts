import { getSourceSecret, listAthletes, listSources } from '@runcue/store';
import { CliError } from '../cli-error.ts';
import { formatCheck, type Check } from '../doctor/check.ts';
import { checkAthlete } from '../doctor/check-athletes.ts';
import { configChecks } from '../doctor/check-config.ts';
import { checkDatabase } from '../doctor/check-database.ts';
import { checkPrivacy } from '../doctor/check-privacy.ts';
import { checkFonts, checkNode, fontFolders } from '../doctor/check-host.ts';
import { checkSmtp } from '../doctor/check-smtp.ts';
import { checkIntervalsSource, checkWatchSource } from '../doctor/check-remote-sources.ts';
import { checkSource } from '../doctor/check-sources.ts';
import { watchSearch } from '../watch-search.ts';
import type { RegisterCommand } from './register.ts';

/**
 * `runcue doctor`: checks the set-up one piece at a time (configuration, database, mail server,
 * athletes, watched folders, fonts, Node.js) and prints one line each, `ok`, `warn` or `fail`
 * with what to do. Exits with 2 when anything failed, so scripts and health checks can use it.
 */
export const registerDoctor: RegisterCommand = (program, ctx) => {
  program
    .command('doctor')
    .description('check the configuration, database, mail server, athletes and watched folders')
    .action(async () => {
      const print = (check: Check): void => ctx.stdout(`${formatCheck(check)}\n`);
      const all: Check[] = [];
      const report = (check: Check): void => {
        all.push(check);
        print(check);
      };
      configChecks(ctx.config).forEach(report);
      report(checkNode(process.version));
      const { checks, open } = await checkDatabase(ctx.config);
      checks.forEach(report);
      // After the database opened: opening it tightens a home that an older runcue left open.
      report(await checkPrivacy(ctx.config.home));
      if (open !== null) {
        ctx.onClose(open.close);
        const athletes = await listAthletes(open.db);
        for (const a of athletes) checkAthlete(a).forEach(report);
        const names = new Map(athletes.map((a) => [a.id, a.name]));
        const sources = await listSources(open.db);
        if (sources.length === 0) {
          report({
            status: 'ok',
            name: 'sources',
            message: 'none; runs arrive by upload or runcue import',
            hint: 'to sync a watch, a folder or intervals.icu: runcue source add <athlete> --watch, runcue source add <athlete> <folder>, runcue source add-intervals',
          });
        }
        for (const s of sources) {
          const who = names.get(s.athleteId) ?? s.athleteId;
          if (s.kind === 'folder') report(await checkSource(s, who));
          else if (s.kind === 'watch') report(await checkWatchSource(watchSearch(ctx.config), who));
          else
            report(
              await checkIntervalsSource(s, await getSourceSecret(open.db, s.id), who, {
                baseUrl: ctx.config.intervalsUrl,
                now: ctx.now,
              }),
            );
        }
      }
      report(await checkSmtp(ctx.config));
      report(await checkFonts(fontFolders()));
      const failed = all.filter((c) => c.status === 'fail').length;
      const warned = all.filter((c) => c.status === 'warn').length;
      if (failed > 0) {
        throw new CliError(
          'DOCTOR_FAILED',
          `${failed} failed and ${warned} to look at; fix the failed ones first`,
        );
      }
      ctx.stdout(`nothing failed${warned > 0 ? `, ${warned} to look at` : ''}\n`);
    });
};
