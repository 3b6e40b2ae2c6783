/**
 * A red flag leads the post-run email: a runner who logged numbness ten days ago (and a flag-free
 * 0/10 since, which does not lift it) finishes a run; the notifier renders the queued summary from
 * the store and sends it over a real SMTP server. Read back, the subject names the red flag, the
 * message opens with it before any figure, table or chart, and it gives no training cue.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANALYSIS_VERSION } from '@runcue/analysis';
import { createMailer, createNotifier, createRenderer } from '@runcue/notifier';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';
import { seedRun } from '@runcue/operations/testing';
import { addPainEntry, createAthlete, enqueue, listOutbox, type Athlete } from '@runcue/store';
import { pgliteBackend, useSuiteDb } from '@runcue/store/testing';

const NOW = new Date('2026-11-20T18:00:00Z');
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);

const t = useSuiteDb(pgliteBackend);
let inbox: SmtpInbox;
let athlete: Athlete;
let activityId: string;

beforeAll(async () => {
  const db = t.db;
  inbox = await startSmtpInbox();
  athlete = await createAthlete(
    db,
    { name: 'Ada', email: 'ada@example.org', timeZone: 'Europe/Berlin' },
    new Date('2026-08-01T00:00:00Z'),
  );
  await addPainEntry(db, athlete.id, {
    score: 2,
    where: 'lower-back',
    flags: ['numbness'],
    at: hoursAgo(240),
  });
  await addPainEntry(db, athlete.id, { score: 0, where: 'lower-back', flags: [], at: hoursAgo(24) });

  // A real run (median 167 spm, under the default 170 threshold: without the flag it gets a cadence
  // cue), stored as ingest stores it, started two hours ago.
  const id = await seedRun(db, athlete.id, hoursAgo(2));
  activityId = id;
  await enqueue(db, {
    athleteId: athlete.id,
    kind: 'run-summary',
    key: id,
    payload: { activityId: id, analysisVersion: ANALYSIS_VERSION },
    now: NOW,
  });
});
afterAll(async () => {
  await inbox.close();
});

it('a red flag in force leads the post-run email and is named in its subject, over real SMTP', async () => {
  const db = t.db;
  const mailer = createMailer({ smtpUrl: inbox.url, home: '.', mailFrom: 'runcue <runcue@localhost>' });
  const notifier = createNotifier({
    db,
    mailer,
    render: createRenderer(db),
    clock: () => NOW,
    schedules: () => Promise.resolve([]),
    logger: { info: () => undefined, error: (m) => console.error(m) },
  });
  const [result] = await notifier.runOnce();
  mailer.close();
  expect(result?.ok).toBe(true);
  const { mail } = await inbox.next(1);
  const row = (await listOutbox(db)).find((r) => r.key === activityId);
  expect(row?.status).toBe('sent');
  expect(mail.messageId).toBe(row?.messageId);

  expect(mail.subject).toMatch(/^Red flag: get urgent care before you run again · Your run /);

  // Plain text: under the title, the red flag is the first section, before the run's figures.
  const text = mail.text ?? '';
  const lines = text.split('\n');
  const headings = lines.filter((_, i) => /^-{3,}$/.test(lines[i + 1] ?? ''));
  expect(headings.slice(0, 2)).toEqual(['Red flag: read this first', 'The run']);
  const flagAt = text.indexOf('numbness');
  expect(flagAt).toBeGreaterThan(-1);
  expect(flagAt).toBeLessThan(text.indexOf('The run'));
  expect(text).toMatch(/doctor|physiotherapist|urgent/i);
  // No training cue while the flag holds: no cadence target, no metronome.
  expect(text).not.toMatch(/steps a minute|metronome/i);

  // HTML: the red flag comes before the run's figures and the first chart (the layout itself is a table).
  const html = typeof mail.html === 'string' ? mail.html : '';
  const htmlFlag = html.indexOf('Red flag: read this first');
  expect(htmlFlag).toBeGreaterThan(-1);
  expect(htmlFlag).toBeLessThan(html.indexOf('>The run<'));
  expect(htmlFlag).toBeLessThan(html.indexOf('Moving time'));
  expect(htmlFlag).toBeLessThan(html.indexOf('<img'));
});
