import { deleteAthlete, resolveAthlete } from '@runcue/store';
import { CliError } from '../../cli-error.ts';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';

/** `runcue athlete remove <athlete> --yes`: a runner and everything runcue keeps of theirs. */
export const registerAthleteRemove: RegisterCommand = (athlete, ctx) => {
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
};
