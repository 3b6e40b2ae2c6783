/**
 * The notifier as its own process, for the crash-safety test and `scripts/kill-sending.ts`: it
 * drains the outbox of the database at RUNCUE_CHILD_DB_URL over SMTP (RUNCUE_CHILD_SMTP_URL) and
 * exits 0 when nothing is due; the parent SIGKILLs it at chosen points. Its clock runs
 * RUNCUE_CHILD_CLOCK_OFFSET_MS ahead, to let earlier claims lapse. Messages are rendered plainly
 * from the row: what is under test is delivery, not the report.
 */
import pg from 'pg';
import { fromPg, getAthlete } from '@runcue/store';
import { createMailer, createNotifier } from '../src/index.ts';

const env = process.env;
const offsetMs = Number(env.RUNCUE_CHILD_CLOCK_OFFSET_MS ?? 0);
const pool = new pg.Pool({ connectionString: env.RUNCUE_CHILD_DB_URL, max: 2 });
const db = fromPg(pool);
const mailer = createMailer({
  smtpUrl: env.RUNCUE_CHILD_SMTP_URL ?? null,
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
