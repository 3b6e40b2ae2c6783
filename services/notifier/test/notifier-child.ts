/**
 * The notifier as its own process, for the crash-safety test: it drains the outbox over SMTP and
 * exits 0 when nothing is due. The test kills it with SIGKILL at chosen points. Messages are
 * rendered plainly from the row: what is under test is delivery, not the report.
 */
import pg from 'pg';
import { fromPg, getAthlete } from '@runcue/store';
import { createMailer, createNotifier } from '../src/index.ts';

const env = process.env;
const offsetMs = Number(env.CHILD_CLOCK_OFFSET_MS ?? 0);
const pool = new pg.Pool({
  connectionString: env.CHILD_PG_URL,
  options: `-c search_path=${env.CHILD_SCHEMA ?? ''}`,
  max: 2,
});
const db = fromPg(pool);
const mailer = createMailer({
  smtpUrl: env.CHILD_SMTP_URL ?? null,
  home: '.',
  mailFrom: 'runcue <runcue@localhost>',
});
const notifier = createNotifier({
  db,
  mailer,
  clock: () => new Date(Date.now() + offsetMs),
  logger: { info: (m) => process.stdout.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
  schedules: () => Promise.resolve([]),
  async render(row) {
    const athlete = await getAthlete(db, row.athleteId);
    return {
      to: athlete?.email ?? 'nobody@localhost',
      subject: `${row.kind} ${row.key}`,
      text: `Message for ${row.key}.`,
      html: `<p>Message for ${row.key}.</p>`,
      images: [],
    };
  },
});
for (;;) {
  const results = await notifier.runOnce();
  if (results.length === 0) break;
}
mailer.close();
await pool.end();
