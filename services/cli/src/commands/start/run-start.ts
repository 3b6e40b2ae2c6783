import { startNotifier, type Notifier } from '@runcue/notifier';
import type { CliContext } from '../../cli-context.ts';
import { startBackgroundWork } from './background-work.ts';
import { startServices } from './start-services.ts';

export interface StartCommandOptions {
  readonly port: number | null;
  readonly watch: readonly string[];
  readonly athlete?: string;
}

/**
 * `runcue start` once its modules are loaded: the watcher, the API, the notifier and the
 * background reanalysis, until `stopRequested` settles (Ctrl-C or SIGTERM, caught by the command
 * from its first moment so that a stop during start-up is clean too).
 */
export async function runStart(
  ctx: CliContext,
  opts: StartCommandOptions,
  stopRequested: Promise<string>,
): Promise<void> {
  let notifier: Notifier | null = null;
  const services = await startServices(ctx, {
    ...opts,
    // Send a new run's summary at once rather than at the notifier's next poll.
    onImported: (imported) => {
      if (imported.summaryQueued) notifier?.wake();
    },
  });
  const started = startNotifier({
    db: services.db,
    config: ctx.config,
    clock: ctx.now,
    logger: services.logger,
    unsubscribe: services.unsubscribe,
  });
  notifier = started;
  services.onStop(() => started.stop());
  services.onStop(startBackgroundWork(services.db, ctx.now, services.logger));
  const signal = await stopRequested;
  ctx.stdout(`${signal}: stopping\n`);
  await services.stop();
}
