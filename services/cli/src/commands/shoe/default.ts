import { shoeFor } from '@runcue/operations';
import { setDefaultShoe } from '@runcue/store';
import type { RegisterCommand } from '../register.ts';
import { ATHLETE_OPTION, formatShoe, openForAthlete } from './shoe-options.ts';

/** `runcue shoe default <shoe>`: new runs count against it. */
export const registerShoeDefault: RegisterCommand = (shoe, ctx) => {
  shoe
    .command('default')
    .description('count new runs against this shoe')
    .argument('<shoe>', 'id or name')
    .option(...ATHLETE_OPTION)
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, athlete } = await openForAthlete(ctx, opts.athlete);
      const s = await setDefaultShoe(db, athlete.id, (await shoeFor(db, athlete.id, ref)).id);
      ctx.stdout(`new runs count against ${formatShoe(s, athlete.units)}\n`);
    });
};
