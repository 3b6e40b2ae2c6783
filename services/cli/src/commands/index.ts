import type { RegisterCommand } from './register.ts';
import { registerReport } from './report.ts';

/** Every `runcue` sub-command, in the order `runcue --help` lists them. */
export const commands: readonly RegisterCommand[] = [registerReport];
