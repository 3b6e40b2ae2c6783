import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, createNotifier, createRenderer, type Delivery, type Notifier } from '@runcue/notifier';
import { createAthlete, listOutbox } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { createIngestFile } from '@runcue/operations';
import { waitFor } from '@runcue/store/testing';
import { corpusBytes } from '@runcue/scripts/fixtures';

// Two hours after ActivityLog2/920xt-run.fit started: it has just come off the watch.
const NOW = new Date('2014-12-28T23:40:00Z');
const clock = () => NOW;
const HOUR_MS = 3_600_000;

describe.each(backends)('notifier latency after ingest on $name (regression)', (backend) => {
  const t = useTestDb(backend);
  let home: string;
  let notifier: Notifier | null = null;
  let closeMailer: () => void = () => undefined;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-wake-'));
  });
  afterEach(async () => {
    await notifier?.stop();
    notifier = null;
    closeMailer();
    await rm(home, { recursive: true, force: true });
  });

  it('onImported → notifier.wake() sends the summary at once, not at the next poll', async () => {
    const athlete = await createAthlete(
      t.db,
      { name: 'Ada', email: 'ada@example.org', timeZone: 'Europe/Berlin' },
      NOW,
    );
    const written: Delivery[] = [];
    const mailer = createMailer({ smtpUrl: null, home, mailFrom: 'runcue <runcue@localhost>' }, (d) =>
      written.push(d),
    );
    closeMailer = () => mailer.close();
    const started = createNotifier({
      db: t.db,
      mailer,
      render: createRenderer(t.db),
      schedules: () => Promise.resolve([]),
      clock,
      logger: { info: () => undefined, error: (m) => console.error(m) },
      // Polls an hour apart: only a wake-up can send within this test.
      pollMs: HOUR_MS,
    });
    notifier = started;
    started.start();

    const ingest = createIngestFile({
      db: t.db,
      clock,
      maxBytes: 1_000_000,
      onImported: () => started.wake(),
    });
    const outcome = await ingest({
      athleteId: athlete.id,
      bytes: corpusBytes('ActivityLog2/920xt-run.fit'),
      name: 'run.fit',
      arrival: 'folder',
      fromArchive: false,
      origin: '/watch/run.fit',
    });
    expect(outcome.status).toBe('imported');
    const sent = async () =>
      (await listOutbox(t.db)).some((r) => r.kind === 'run-summary' && r.status === 'sent');
    await waitFor(sent, 'the run summary to be sent after the wake-up', 20_000);
    expect(written).toHaveLength(1);
  });
});
