import {
  createMailer,
  createNotifier,
  createRenderer,
  createUnsubscribeLinks,
  loadLinkSecret,
} from '@runcue/notifier';
import { linkBase } from './link-base.ts';
import type { CliContext } from './cli-context.ts';
import type { OpenDb } from './open-db.ts';

/**
 * Gets a message a command has just queued on its way, the way the running configuration says.
 * While `runcue start` serves the database it is the one that sends mail (with its SMTP settings,
 * which this terminal may not have): the message stays queued for it and its next poll, a few
 * seconds away. Without a server this process sends what is due itself, with its own settings,
 * and says how it went.
 */
export async function deliverQueued(ctx: CliContext, opened: OpenDb, what: string): Promise<void> {
  if (opened.server) {
    ctx.stdout(
      `queued ${what}: runcue start (pid ${opened.server.pid}) sends it ('runcue outbox' shows when)\n`,
    );
    return;
  }
  const mailer = createMailer(ctx.config, (d) => {
    if (d.via === 'file')
      ctx.stdout(
        `no SMTP server configured (RUNCUE_SMTP_URL): written to ${d.emlPath} (open ${d.htmlPath})\n`,
      );
  });
  const notifier = createNotifier({
    db: opened.db,
    mailer,
    render: createRenderer(
      opened.db,
      createUnsubscribeLinks(linkBase(ctx), await loadLinkSecret(ctx.config.home)),
    ),
    schedules: () => Promise.resolve([]),
    clock: ctx.now,
    logger: { info: (m) => ctx.stdout(`${m}\n`), error: (m) => ctx.stderr(`${m}\n`) },
  });
  try {
    await notifier.runOnce();
  } finally {
    mailer.close();
  }
}
