import { listAthletes } from '@runcue/store';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';
import { describeSettings } from './describe-athlete.ts';

/** `runcue athlete list`: every runner with their settings. */
export const registerAthleteList: RegisterCommand = (athlete, ctx) => {
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
};
