import type { RegisterCommand } from '../register.ts';
import { registerAthleteAdd } from './add.ts';
import { registerAthleteList } from './list.ts';
import { registerAthleteRemove } from './remove.ts';
import { registerAthleteSet } from './set.ts';
import { registerAthleteToken } from './token.ts';

/** `runcue athlete add|list|set|remove|token`: the runners this runcue serves and their API tokens. */
export const registerAthlete: RegisterCommand = (program, ctx) => {
  const athlete = program.command('athlete').description('add and list runners, and give them API tokens');
  for (const register of [
    registerAthleteAdd,
    registerAthleteList,
    registerAthleteSet,
    registerAthleteRemove,
    registerAthleteToken,
  ])
    register(athlete, ctx);
};
