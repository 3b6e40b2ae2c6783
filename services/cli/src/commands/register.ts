import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';

/** Each command file exports one of these; `commands/index.ts` lists them in help order. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
