import type { Config } from './config.ts';

/** What every command gets from the composition root: configuration, output streams and a clock. */
export interface CliContext {
  readonly config: Config;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Resources a command opened (database, servers); closed by main.ts when the command ends. */
  readonly onClose: (fn: () => Promise<void>) => void;
}
