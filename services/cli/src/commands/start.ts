import { InvalidArgumentError } from 'commander';
import type { RegisterCommand } from './register.ts';

/** Parses `--port`: a whole number from 0 (any free port) to 65535. */
function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n > 65535)
    throw new InvalidArgumentError('expected a port number from 0 (any free port) to 65535');
  return n;
}

/**
 * `runcue start`: the watcher, the API and the notifier in one process, until Ctrl-C (SIGINT) or
 * SIGTERM. It says what it is doing before it loads the server and opens the database (seconds
 * on a slow machine), and catches Ctrl-C from its first moment: stopping is a clean exit (code 0)
 * whenever it comes.
 */
export const registerStart: RegisterCommand = (program, ctx) => {
  program
    .command('start')
    .description('watch the source folders and serve the upload API until stopped')
    .option('--port <port>', 'API port (0 picks a free one)', parsePort)
    .option('--no-api', 'only watch folders')
    .option('--watch <folder...>', 'also watch these folders (for this run only)')
    .option('--athlete <athlete>', 'whose runs the --watch folders hold (default: the first athlete)')
    .action(async (opts: { port?: number; api: boolean; watch?: string[]; athlete?: string }) => {
      const stopRequested = new Promise<string>((resolve) => {
        const onSignal = (signal: string) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      const where =
        ctx.config.databaseUrl === null ? `the embedded database in ${ctx.config.home}` : 'PostgreSQL';
      ctx.stdout(`starting runcue: opening ${where} (Ctrl-C stops it)\n`);
      const { runStart } = await import('./start/run-start.ts');
      await runStart(
        ctx,
        {
          port: opts.api ? (opts.port ?? ctx.config.port) : null,
          watch: opts.watch ?? [],
          athlete: opts.athlete,
        },
        stopRequested,
      );
      ctx.stdout('stopped\n');
    });
};
