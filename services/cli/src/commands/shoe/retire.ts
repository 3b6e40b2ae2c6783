import { shoeFor } from '@runcue/operations';
import { retireShoe } from '@runcue/store';
import type { RegisterCommand } from '../register.ts';
import { ATHLETE_OPTION, formatShoe, openForAthlete } from './shoe-options.ts';

/** `runcue shoe retire <shoe>`: runs no longer count against it. */
export const registerShoeRetire: RegisterCommand = (shoe, ctx) => {
  shoe
    .command('retire')
    .description('stop counting runs against a shoe')
    .argument('<shoe>', 'id or name')
    .option(...ATHLETE_OPTION)
    .action(async (ref: string, opts: { athlete?: string }) => {
      const { db, athlete } = await openForAthlete(ctx, opts.athlete);
      const s = await retireShoe(db, athlete.id, (await shoeFor(db, athlete.id, ref)).id, ctx.now());
      ctx.stdout(`retired ${formatShoe(s, athlete.units)}\n`);
    });
};
