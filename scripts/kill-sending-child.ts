/**
 * The notifier as its own process, for `kill-sending.ts`: it drains the outbox of one PostgreSQL
 * schema over SMTP and exits 0 when nothing is due. The parent SIGKILLs it at random points.
 * Messages are rendered plainly from the row: what is measured is delivery, not the report.
 */
import pg from 'pg';
import { createMailer, createNotifier } from '@runcue/notifier';
import { fromPg } from '@runcue/store';

const env = process.env;
const pool = new pg.Pool({
  connectionString: env.KILL_PG_URL,
  options: `-c search_path=${env.KILL_SCHEMA ?? ''}`,
  max: 2,
});
const db = fromPg(pool);
const mailer = createMailer({
  smtpUrl: env.KILL_SMTP_URL ?? null,
  home: '.',
  mailFrom: 'runcue <runcue@localhost>',
});
const notifier = createNotifier({
  db,
  mailer,
  clock: () => new Date(),
  logger: { info: (m) => process.stdout.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
  schedules: () => Promise.resolve([]),
  render: (row) =>
    Promise.resolve({
      to: 'runner@example.org',
      subject: `${row.kind} ${row.key}`,
      text: `Message ${row.key}.`,
      html: `<p>Message ${row.key}.</p>`,
      images: [],
    }),
});
for (;;) {
  const results = await notifier.runOnce();
  if (results.length === 0) break;
}
mailer.close();
await pool.end();
