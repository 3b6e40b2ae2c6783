import type { RegisterCommand } from '../register.ts';
import { registerSourceAdd } from './add.ts';
import { registerSourceAddIntervals } from './add-intervals.ts';
import { registerSourceList } from './list.ts';
import { registerSourceRemove } from './remove.ts';

/**
 * `runcue source add|add-intervals|remove|list`: where `runcue start` takes each athlete's files
 * from: a folder, whatever Garmin watch gets connected, or an intervals.icu account.
 */
export const registerSource: RegisterCommand = (program, ctx) => {
  const source = program
    .command('source')
    .description('where runs come from: folders, a connected watch, an intervals.icu account');
  for (const register of [
    registerSourceAdd,
    registerSourceAddIntervals,
    registerSourceRemove,
    registerSourceList,
  ])
    register(source, ctx);
};
