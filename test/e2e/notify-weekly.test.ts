/**
 * The weekly review end to end: twelve weeks of runs seeded into the store (one real corpus run's
 * decoded activity and analysis, re-dated and given each week's distance and cadence), the weekly
 * tick on Monday 07:00 in the athlete's time zone, the notifier sending over real SMTP; the email's
 * table must carry the weekly distance, change and cadence the seed implies.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer, createNotifier, createRenderer } from '@runcue/notifier';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';
import { seedRun } from '@runcue/operations/testing';
import { createAthlete, listOutbox, type Athlete } from '@runcue/store';
import { pgliteBackend, useSuiteDb } from '@runcue/store/testing';

const t = useSuiteDb(pgliteBackend);
let inbox: SmtpInbox;
let athlete: Athlete;

// Per week (2026-W36 … 2026-W47): two runs of these km, and the week's cadence median.
const seed = [
  [5, 5, 160],
  [5, 6, 161],
  [6, 6, 161],
  [6, 7, 162],
  [7, 7, 163],
  [7, 9, 164],
  [4, 4, 164],
  [6, 6, 165],
  [6, 7, 166],
  [7, 8, 166],
  [8, 8, 167],
  [9, 11, 168],
] as const;
const mondayW36 = Date.UTC(2026, 7, 31); // Monday 31 August 2026 opens 2026-W36

beforeAll(async () => {
  inbox = await startSmtpInbox();
  athlete = await createAthlete(
    t.db,
    { name: 'Ada', email: 'ada@example.org', timeZone: 'Europe/Berlin' },
    new Date('2026-08-01T00:00:00Z'),
  );
  for (const [w, [kmA, kmB, cadence]] of seed.entries()) {
    // Tuesday 07:00 and Saturday 08:00 Berlin time (UTC+2 until 25 October, UTC+1 after).
    for (const [dayOffset, km] of [
      [1, kmA],
      [5, kmB],
    ] as const) {
      const start = new Date(mondayW36 + (w * 7 + dayOffset) * 86_400_000 + 6 * 3_600_000);
      await seedRun(t.db, athlete.id, start, { distanceM: km * 1000, cadenceSpm: cadence });
    }
  }
});
afterAll(async () => {
  await inbox.close();
});

it('sends the review of 2026-W47 on Monday 07:00 Berlin time with the seeded weekly figures', async () => {
  const mailer = createMailer({ smtpUrl: inbox.url, home: '.', mailFrom: 'runcue <runcue@localhost>' });
  let now = new Date('2026-11-23T05:59:00Z'); // 06:59 in Berlin (UTC+1)
  const notifier = createNotifier({
    db: t.db,
    mailer,
    render: createRenderer(t.db),
    clock: () => now,
    schedules: () =>
      Promise.resolve([{ athleteId: athlete.id, timeZone: athlete.timeZone, since: athlete.createdAt }]),
    logger: { info: () => undefined, error: (m) => console.error(m) },
  });
  expect(await notifier.enqueueWeekly()).toEqual([]);
  now = new Date('2026-11-23T06:00:00Z');
  expect(await notifier.enqueueWeekly()).toEqual([{ athleteId: athlete.id, isoWeek: '2026-W47' }]);
  const [result] = await notifier.runOnce();
  mailer.close();
  expect(result?.ok).toBe(true);
  const { mail } = await inbox.next(1);
  expect((await listOutbox(t.db))[0]?.status).toBe('sent');
  expect(mail.subject).toContain('2026-W47');

  const text = mail.text ?? '';
  expect(text).toContain('Distance: 20.0 km in 2 runs');
  for (const [w, [kmA, kmB, cadence]] of seed.entries()) {
    const week = `W${36 + w}`;
    const line = text.split('\n').find((l) => l.trim().startsWith(`${week} `) || l.includes(`| ${week} `));
    expect(line, `row for ${week}`).toBeDefined();
    const cells = (line ?? '')
      .split(/\s*\|\s*|\s{2,}/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const km = kmA + kmB;
    expect(cells[1]).toBe(km.toFixed(1));
    const prev = seed[w - 1];
    if (prev) {
      const ramp = Math.round(((km - (prev[0] + prev[1])) / (prev[0] + prev[1])) * 100);
      expect(Number.parseFloat(cells[2] ?? '')).toBe(ramp);
      expect(cells[2]?.endsWith('!')).toBe(ramp > 10);
    }
    expect(cells[3]).toBe(String(cadence));
  }
});
