#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { describeError, INTERNAL, maskSecrets } from '@runcue/errors';
import { exitCodeFor, exitCodes } from './cli-error.ts';
import type { CliContext } from './cli-context.ts';
import type { Config } from './config.ts';
import { commands } from './commands/index.ts';
import { PRIVATE_UMASK } from './private-home.ts';

/**
 * The `runcue` command: the composition root. It registers the command that was asked for (the
 * others only by name, for `runcue --help`), parses the configuration once before that command
 * runs, closes what it opened and turns any error into one line and an exit code.
 */
async function main(argv: readonly string[]): Promise<number> {
  // Everything runcue creates (database files, saved emails, sockets) is for this user only.
  process.umask(PRIVATE_UMASK);
  const closers: Array<() => Promise<void>> = [];
  try {
    let config: Config | null = null;
    const ctx: CliContext = {
      get config(): Config {
        if (config === null) throw new Error('the configuration is read before a command runs');
        return config;
      },
      // Whatever a command prints (doctor lines, the start banner, logs, errors) shows no
      // credential: URLs with a password, a token as user name or a secret parameter are masked.
      stdout: (text) => process.stdout.write(maskSecrets(text)),
      stderr: (text) => process.stderr.write(maskSecrets(text)),
      now: () => new Date(),
      onClose: (fn) => closers.push(fn),
    };
    const program = new Command('runcue')
      .description('Turns the FIT files your running watch records into coaching for a healthier back.')
      .exitOverride()
      .configureOutput({ writeErr: () => undefined, writeOut: (s) => process.stdout.write(s) })
      .showSuggestionAfterError(true)
      .hook('preAction', async () => {
        const { parseConfig } = await import('./config.ts');
        // pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
        config ??= parseConfig(process.env, process.env.INIT_CWD ?? process.cwd());
      });
    const wanted = commandAskedFor(argv);
    for (const entry of commands) {
      if (entry.name === wanted) (await entry.load())(program, ctx);
      else program.command(entry.name).description(entry.description);
    }
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      const message = err.message.replace(/^error: /, '');
      process.stderr.write(maskSecrets(`runcue: USAGE: ${message} (see 'runcue --help')\n`));
      return exitCodes.USAGE;
    }
    const { code, message } = describeError(err);
    process.stderr.write(maskSecrets(`runcue: ${code}: ${message}\n`));
    if (code === INTERNAL && process.env.RUNCUE_DEBUG && err instanceof Error) {
      process.stderr.write(maskSecrets(`${err.stack ?? ''}\n`));
    }
    return exitCodeFor(code);
  } finally {
    for (const close of closers.reverse()) {
      await close().catch((e: unknown) =>
        process.stderr.write(maskSecrets(`runcue: while closing: ${describeError(e).message}\n`)),
      );
    }
  }
}

/** The sub-command the arguments name (`runcue help <command>` names one too), if any. */
function commandAskedFor(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

// A reader that stops early (`runcue runs | head`) closes the pipe: that ends the command, quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
