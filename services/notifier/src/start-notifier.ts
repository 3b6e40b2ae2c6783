import { listAthletes, type Db } from '@runcue/store';
import { createMailer, type MailerConfig } from './mailer.ts';
import { createNotifier, type Notifier, type NotifierLogger } from './notifier.ts';
import { createRenderer } from './render-message.ts';
import { warmUpRenderer } from './warm-up-renderer.ts';

export interface StartNotifierOptions {
  db: Db;
  config: MailerConfig;
  clock?: () => Date;
  logger: NotifierLogger;
  pollMs?: number;
}

/**
 * The notifier as `runcue start` runs it: mail over SMTP or into `<home>/outbox/` (each written
 * file's path is logged), every athlete's weekly review on their own schedule, post-run summaries
 * as ingest queues them. Returns the started notifier; `stop()` also closes the mail transport.
 */
export function startNotifier(o: StartNotifierOptions): Notifier {
  const mailer = createMailer(o.config, (d) => {
    if (d.via === 'file') o.logger.info(`mail written to ${d.emlPath} (open ${d.htmlPath} in a browser)`);
  });
  const notifier = createNotifier({
    db: o.db,
    mailer,
    render: createRenderer(o.db),
    schedules: async () =>
      (await listAthletes(o.db)).map((a) => ({
        athleteId: a.id,
        timeZone: a.timeZone,
        weekday: a.weeklyReviewDay,
        time: a.weeklyReviewTime,
        since: a.createdAt,
      })),
    clock: o.clock ?? (() => new Date()),
    logger: o.logger,
    pollMs: o.pollMs ?? 2000,
  });
  notifier.start();
  // Compile the chart renderer now rather than on the first run's email.
  setImmediate(() => {
    try {
      warmUpRenderer();
    } catch (err) {
      o.logger.error('warming up the chart renderer failed', err);
    }
  });
  return {
    ...notifier,
    async stop() {
      await notifier.stop();
      mailer.close();
    },
  };
}
