import type { Db } from '@runcue/store';
import { createMailer, type MailerConfig } from './mailer.ts';
import { createNotifier, type Notifier, type NotifierLogger } from './notifier.ts';
import { createRenderer } from './render-message.ts';
import { createRenderPool } from './render-pool.ts';
import { weeklySchedules } from './weekly-schedules.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

export interface StartNotifierOptions {
  db: Db;
  config: MailerConfig;
  clock?: () => Date;
  logger: NotifierLogger;
  pollMs?: number;
  /** Signs the unsubscribe link every email carries; none without it. */
  unsubscribe?: UnsubscribeLinks | null;
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
  // Reports are drawn in a worker thread: ECharts and resvg would stop the API for 100-250 ms an email.
  const reports = createRenderPool();
  const notifier = createNotifier({
    db: o.db,
    mailer,
    render: createRenderer(o.db, o.unsubscribe ?? null, reports.draw),
    schedules: () => weeklySchedules(o.db),
    clock: o.clock ?? (() => new Date()),
    logger: o.logger,
    pollMs: o.pollMs ?? 2000,
  });
  notifier.start();
  return {
    ...notifier,
    async stop() {
      await notifier.stop();
      await reports.close();
      mailer.close();
    },
  };
}
