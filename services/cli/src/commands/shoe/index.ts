import type { RegisterCommand } from '../register.ts';
import { registerShoeAdd } from './add.ts';
import { registerShoeDefault } from './default.ts';
import { registerShoeList } from './list.ts';
import { registerShoeRetire } from './retire.ts';

/** `runcue shoe add|retire|default|list`: the shoes runs are counted against. */
export const registerShoe: RegisterCommand = (program, ctx) => {
  const shoe = program
    .command('shoe')
    .description('track shoe mileage: new runs count against the default shoe');
  for (const register of [registerShoeAdd, registerShoeRetire, registerShoeDefault, registerShoeList])
    register(shoe, ctx);
};
