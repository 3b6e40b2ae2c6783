import { reanalyseAll } from '@runcue/operations';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

/**
 * `runcue reanalyse`: analyse again, from their kept raw files, every run that has no analysis of
 * the current version (after an upgrade that brought a new one). Prints how many were done and one
 * line per run that could not be; exit code 0 whenever it ran. A re-run does nothing.
 */
export const registerReanalyse: RegisterCommand = (program, ctx) => {
  program
    .command('reanalyse')
    .description('analyse stored runs again with the current analysis version')
    .action(async () => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const result = await reanalyseAll({ db, clock: ctx.now });
      const runs = result.done === 1 ? 'run' : 'runs';
      ctx.stdout(`reanalysed ${result.done} ${runs}, ${result.failed.length} failed\n`);
      for (const f of result.failed)
        ctx.stdout(`failed  activity ${f.activityId}  ${f.code}: ${f.message}\n`);
    });
};
