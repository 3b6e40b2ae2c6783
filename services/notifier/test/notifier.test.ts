import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { backends, useTestDb } from '@runcue/store/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPainEntry,
  claimDue,
  createAthlete,
  listOutbox,
  listSentCues,
  markTransmitting,
  requeue,
  updateAthlete,
  type Athlete,
  type Db,
} from '@runcue/store';
import {
  createMailer,
  createNotifier,
  createRenderer,
  weeklySchedules,
  type Delivery,
  type NotifierLogger,
  type WeeklySchedule,
} from '../src/index.ts';
import { seedRun } from '@runcue/operations/testing';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox.ts';

/** A process id no process has (above Linux's pid_max): a runcue that has stopped. */
const DEAD_PID = 4_194_305;
const logs: string[] = [];
const logger: NotifierLogger = { info: (m) => logs.push(m), error: (m) => logs.push(`ERROR ${m}`) };
describe.each(backends)('on $name', (backend) => {
  let db: Db;
  let home: string;
  let athlete: Athlete;
  // Monday 2026-11-23 08:00 in Berlin: the review of 2026-W47 is due.
  let now = new Date('2026-11-23T07:00:00Z');
  const clock = () => now;

  const t = useTestDb(backend);
  beforeEach(async () => {
    db = t.db;
    home = await mkdtemp(path.join(tmpdir(), 'runcue-notifier-'));
    athlete = await createAthlete(
      db,
      { name: 'Ada', email: 'ada@example.org', timeZone: 'Europe/Berlin' },
      new Date('2026-01-01T00:00:00Z'),
    );
    await seedRun(db, athlete.id, new Date('2026-11-18T06:30:00Z')); // Wednesday of 2026-W47
    now = new Date('2026-11-23T07:00:00Z');
    logs.length = 0;
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  function notifierWith(smtpUrl: string | null, written: Delivery[] = []) {
    return notifierWithSchedules([{ athleteId: athlete.id, timeZone: athlete.timeZone }], smtpUrl, written);
  }

  function notifierWithSchedules(
    list: WeeklySchedule[],
    smtpUrl: string | null = null,
    written: Delivery[] = [],
  ) {
    return notifierWithSchedulesFrom(() => Promise.resolve(list), smtpUrl, written);
  }

  function notifierWithSchedulesFrom(
    schedules: () => Promise<WeeklySchedule[]>,
    smtpUrl: string | null = null,
    written: Delivery[] = [],
  ) {
    const mailer = createMailer({ smtpUrl, home, mailFrom: 'runcue <runcue@localhost>' }, (d) =>
      written.push(d),
    );
    return {
      mailer,
      notifier: createNotifier({
        db,
        mailer,
        render: createRenderer(db),
        schedules,
        clock,
        logger,
        maxAttempts: 3,
      }),
    };
  }

  describe('weekly reviews', () => {
    it('are queued once per athlete-week however often the tick runs', async () => {
      const { notifier } = notifierWith(null);
      expect(await notifier.enqueueWeekly()).toEqual([{ athleteId: athlete.id, isoWeek: '2026-W47' }]);
      expect(await notifier.enqueueWeekly(new Date('2026-11-23T07:15:00Z'))).toEqual([]);
      expect(await notifier.enqueueWeekly(new Date('2026-11-23T05:59:00Z'))).toEqual([]);
      expect((await listOutbox(db)).map((r) => `${r.kind} ${r.key} ${r.status}`)).toEqual([
        'weekly-review 2026-W47 pending',
      ]);
    });
  });

  describe('weekly reviews turned off', () => {
    it('are not queued for a runner who turned them off, and are again once turned on', async () => {
      const { notifier } = notifierWithSchedulesFrom(() => weeklySchedules(db));
      await updateAthlete(db, athlete.id, { settings: { weeklyReviewEmail: false } });
      expect(await notifier.enqueueWeekly()).toEqual([]);
      expect(await listOutbox(db)).toEqual([]);
      await updateAthlete(db, athlete.id, { settings: { weeklyReviewEmail: true } });
      expect(await notifier.enqueueWeekly()).toEqual([{ athleteId: athlete.id, isoWeek: '2026-W47' }]);
    });
  });

  describe('an email queued before its kind was turned off', () => {
    it('is withdrawn, not sent, and sent once asked for by name', async () => {
      const written: Delivery[] = [];
      const { notifier } = notifierWith(null, written);
      expect(await notifier.enqueueWeekly()).toHaveLength(1);
      await updateAthlete(db, athlete.id, { settings: { weeklyReviewEmail: false } });
      const [result] = await notifier.runOnce();
      expect(result).toMatchObject({ ok: false, error: { code: 'EMAIL_TURNED_OFF' }, retryAt: null });
      const [row] = await listOutbox(db);
      expect(row).toMatchObject({
        status: 'withdrawn',
        lastError: 'Ada turned the weekly review off after it was queued',
      });
      expect(written).toEqual([]);
      expect(await notifier.runOnce()).toEqual([]);

      expect(await requeue(db, row?.id ?? '', now)).toBe(true);
      expect(await notifier.runOnce()).toMatchObject([{ ok: true }]);
      expect(written).toHaveLength(1);
      expect((await listOutbox(db))[0]).toMatchObject({ status: 'sent', payload: { requested: true } });
    });
  });

  describe('weekly email for an athlete with no runs (regression)', () => {
    it('queues no review when none of the twelve weeks it would show holds a run', async () => {
      const bob = await createAthlete(
        db,
        { name: 'Bob', email: 'bob@example.org', timeZone: 'Europe/Berlin' },
        new Date('2026-01-01T00:00:00Z'),
      );
      const cy = await createAthlete(
        db,
        { name: 'Cy', email: 'cy@example.org', timeZone: 'Europe/Berlin' },
        new Date('2026-01-01T00:00:00Z'),
      );
      const dee = await createAthlete(
        db,
        { name: 'Dee', email: 'dee@example.org', timeZone: 'Europe/Berlin' },
        new Date('2026-01-01T00:00:00Z'),
      );
      // Cy last ran on Sunday of 2026-W35, a week before the window (W36-W47) opens.
      await seedRun(db, cy.id, new Date('2026-08-30T08:00:00Z'));
      // Dee's only run is late Sunday evening of W35 in Berlin: 22:30 UTC is already Monday of W36 there.
      await seedRun(db, dee.id, new Date('2026-08-30T22:30:00Z'));
      const ids = [athlete.id, bob.id, cy.id, dee.id];
      const { notifier } = notifierWithSchedules(
        ids.map((athleteId) => ({ athleteId, timeZone: 'Europe/Berlin' })),
      );
      const added = await notifier.enqueueWeekly();
      expect(added.map((a) => a.athleteId).sort()).toEqual([athlete.id, dee.id].sort());
      expect((await listOutbox(db)).map((r) => r.athleteId).sort()).toEqual([athlete.id, dee.id].sort());
    });
  });

  describe('without SMTP', () => {
    it('writes each message as a MIME .eml and a browser-ready .html with the charts inlined', async () => {
      const written: Delivery[] = [];
      const { notifier, mailer } = notifierWith(null, written);
      await notifier.enqueueWeekly();
      const [result] = await notifier.runOnce();
      mailer.close();
      expect(result?.ok).toBe(true);
      const row = (await listOutbox(db))[0];
      expect(row?.status).toBe('sent');
      const file = written[0];
      if (file?.via !== 'file') throw new Error('expected a file delivery');
      expect(path.dirname(file.emlPath)).toBe(path.join(home, 'outbox'));
      const parsed = await simpleParser(await readFile(file.emlPath));
      expect(parsed.messageId).toBe(row?.messageId);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('ada@example.org');
      expect(parsed.subject).toMatch(/W47|week/i);
      const html = await readFile(file.htmlPath, 'utf8');
      expect(html).not.toContain('cid:');
      const pngs = parsed.attachments.filter((a) => a.contentType === 'image/png');
      expect(pngs.length).toBeGreaterThan(0);
      for (const a of pngs)
        expect(html).toContain(`data:image/png;base64,${a.content.toString('base64').slice(0, 40)}`);
    });
  });

  describe('over SMTP', () => {
    let inbox: SmtpInbox;
    beforeEach(async () => {
      inbox = await startSmtpInbox();
    });
    afterEach(async () => {
      await inbox.close();
    });

    it('retries a refused message with growing delays, shows the error, and gives up after the last attempt', async () => {
      inbox.decide = () => Promise.reject(new Error('mailbox unavailable'));
      const { notifier, mailer } = notifierWith(inbox.url);
      await notifier.enqueueWeekly();
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [r] = await notifier.runOnce();
        if (r?.ok !== false) throw new Error('expected a failure');
        expect(r.error.code).toBe('MAIL_SEND_FAILED');
        const row = (await listOutbox(db))[0];
        expect(row?.attempts).toBe(attempt);
        expect(row?.lastError).toMatch(/mailbox unavailable/);
        if (r.retryAt) {
          delays.push(r.retryAt.getTime() - now.getTime());
          expect(await notifier.runOnce()).toEqual([]); // not due before its time
          now = r.retryAt;
        }
      }
      mailer.close();
      expect(delays).toEqual([30_000, 60_000]);
      expect((await listOutbox(db))[0]?.status).toBe('failed');
      expect(logs.some((l) => l.startsWith('ERROR') && l.includes('giving up'))).toBe(true);
    });

    it('records the cues it sent so the next message rotates them', async () => {
      await addPainEntry(db, athlete.id, {
        score: 4,
        where: 'lower-back',
        at: new Date('2026-11-22T18:00:00Z'),
      });
      const { notifier, mailer } = notifierWith(inbox.url);
      await notifier.enqueueWeekly();
      const [r] = await notifier.runOnce();
      mailer.close();
      expect(r?.ok).toBe(true);
      const [mail] = await inbox.waitForAccepted(1);
      const sent = await listSentCues(db, athlete.id, new Date(0));
      // 4/10 pain calls for the stop-and-rest cue; it is in the email and on record for rotation.
      expect(sent.map((c) => c.cueId)).toContain('pain-stop');
      expect(mail?.mail.text ?? '').toMatch(/3 to 5 days/);
    });

    it('stop() waits for the send in flight to finish and be recorded', async () => {
      let release: () => void = () => undefined;
      let arrived: () => void = () => undefined;
      const dataArrived = new Promise<void>((r) => (arrived = r));
      inbox.decide = () => {
        arrived();
        return new Promise<void>((r) => (release = r));
      };
      const { notifier, mailer } = notifierWith(inbox.url);
      notifier.start();
      await dataArrived;
      let stopped = false;
      const stopping = notifier.stop().then(() => (stopped = true));
      // Everything stop() does besides waiting for the send runs in this process without I/O: one
      // turn of the event loop is enough for a stop() that did not wait to have finished.
      await new Promise((r) => setImmediate(r));
      expect(stopped).toBe(false);
      release();
      await stopping;
      mailer.close();
      expect((await listOutbox(db))[0]?.status).toBe('sent');
    });

    it('start() sends what is due without waiting for a poll, and stop() can be called twice', async () => {
      const { notifier, mailer } = notifierWith(inbox.url);
      notifier.start();
      notifier.start();
      const [mail] = await inbox.waitForAccepted(1);
      expect(mail?.mail.subject).toBeTruthy();
      await notifier.stop();
      await notifier.stop();
      mailer.close();
      expect((await listOutbox(db))[0]?.status).toBe('sent');
    });
  });

  describe('a send interrupted by a stopped runcue (reconciled by Message-ID, regression)', () => {
    it('queues at once a row claimed before sending, and marks sent one whose .eml had been written', async () => {
      const { notifier } = notifierWith(null);
      await notifier.enqueueWeekly();
      const dead = `${hostname()}/${DEAD_PID}`;
      // A runcue that claimed the row and stopped before its SMTP transaction: no lease to wait out.
      const [claimed] = await claimDue(db, now, 1, 60_000, dead);
      expect(claimed?.status).toBe('sending');
      const [first] = await notifier.runOnce();
      expect(first?.ok).toBe(true);
      expect(logs.join('\n')).toContain(
        `weekly-review 2026-W47: ${dead} stopped before sending it; queued again`,
      );
      const eml = await readFile(path.join(home, 'outbox', `${claimed?.id ?? ''}.eml`), 'utf8');
      expect(eml).toContain(`Message-ID: ${claimed?.messageId ?? ''}`);

      // The same row again, now stopped mid-transmission after the .eml was written: it is found
      // by its name and Message-ID and marked sent, not written a second time.
      await db.query(`UPDATE outbox SET status = 'pending', sent_at = NULL WHERE id::text = $1`, [
        claimed?.id,
      ]);
      const [again] = await claimDue(db, now, 1, 60_000, dead);
      expect(await markTransmitting(db, again?.id ?? '', dead, now, 120_000)).toBe(true);
      logs.length = 0;
      expect(await notifier.runOnce()).toEqual([]);
      expect(logs).toEqual([
        `weekly-review 2026-W47: ${claimed?.messageId ?? ''} had arrived before ${dead} stopped`,
      ]);
      expect((await listOutbox(db)).map((r) => `${r.status} ${r.attempts}`)).toEqual(['sent 3']);
    });

    it('sends again, with the same Message-ID, a row whose SMTP transaction was cut off', async () => {
      const inbox = await startSmtpInbox();
      try {
        const { notifier, mailer } = notifierWith(inbox.url);
        await notifier.enqueueWeekly();
        const dead = `${hostname()}/${DEAD_PID}`;
        const [row] = await claimDue(db, now, 1, 60_000, dead);
        expect(await markTransmitting(db, row?.id ?? '', dead, now, 120_000)).toBe(true);
        const [sent] = await notifier.runOnce();
        expect(sent?.ok).toBe(true);
        expect(logs.join('\n')).toContain(
          `${dead} stopped while sending it; sending it again with the same Message-ID ${row?.messageId ?? ''}`,
        );
        expect(inbox.accepted.map((r) => r.mail.messageId)).toEqual([row?.messageId]);
        mailer.close();
      } finally {
        await inbox.close();
      }
    });

    it('leaves alone a row held by a worker that still runs', async () => {
      const { notifier } = notifierWith(null);
      await notifier.enqueueWeekly();
      const alive = `${hostname()}/${process.ppid}`;
      await claimDue(db, now, 1, 60_000, alive);
      expect(await notifier.runOnce()).toEqual([]);
      expect((await listOutbox(db)).map((r) => `${r.status} ${r.claimedBy ?? ''}`)).toEqual([
        `sending ${alive}`,
      ]);
    });
  });
});
