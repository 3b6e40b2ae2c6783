import { listShoes } from '@runcue/store';
import type { RegisterCommand } from '../register.ts';
import { ATHLETE_OPTION, formatShoe, openForAthlete } from './shoe-options.ts';

/** `runcue shoe list`: the athlete's shoes with their mileage. */
export const registerShoeList: RegisterCommand = (shoe, ctx) => {
  shoe
    .command('list')
    .description("list the athlete's shoes with their mileage")
    .option(...ATHLETE_OPTION)
    .action(async (opts: { athlete?: string }) => {
      const { db, athlete } = await openForAthlete(ctx, opts.athlete);
      const shoes = await listShoes(db, athlete.id);
      if (shoes.length === 0)
        ctx.stdout(`${athlete.name} has no shoes yet: add a pair with 'runcue shoe add <name>'\n`);
      for (const s of shoes) ctx.stdout(`${formatShoe(s, athlete.units)}\n`);
    });
};
