/**
 * Email once where SMTP allows, measured: queues N messages in a fresh PostgreSQL schema, runs
 * the notifier as a child process against a real SMTP server (`smtp-server`, on loopback) and
 * SIGKILLs it at random points — at a random moment after it starts (claiming, rendering, marking
 * a row transmitting), while the server holds its answer to DATA, right after the server accepted
 * a message, and a few milliseconds after that — restarting it after each kill. After the last
 * kill a child runs to the end. Prints the messages lost (must be 0), the messages accepted more
 * than once (each with its one Message-ID), by kill point, and the time to drain.
 *
 *   npx tsx scripts/kill-sending.ts [--messages 60] [--kills 40] [--seed 1] [--url postgres://…]
 */
import { parseArgs } from 'node:util';
import { startNotifierChild, startSmtpInbox, type NotifierChild } from '@runcue/notifier/testing';
import { createAthlete, enqueue, listOutbox } from '@runcue/store';
import { postgresAt, TEST_DATABASE_URL } from '@runcue/store/testing';
import { seededRandom } from './fixtures/seeded-random.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '60' },
    kills: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    url: { type: 'string', default: TEST_DATABASE_URL },
  },
});
const MESSAGES = Number(values.messages);
const KILLS = Number(values.kills);
const random = seededRandom(Number(values.seed));

type KillPoint = 'timer' | 'before-accept' | 'after-accept' | 'after-accept+ms';
const POINTS: readonly KillPoint[] = ['timer', 'before-accept', 'after-accept', 'after-accept+ms'];

let plan: { point: KillPoint; atMessage: number; delayMs: number } | null = null;
let seenThisRun = 0;
/** The kill point of the message being answered, if this run is to be killed at it. */
let here: KillPoint | null = null;
let child: NotifierChild | null = null;
const kill = () => child?.kill() ?? Promise.resolve();

/** What the SMTP server received: every accepted copy, by Message-ID. */
const inbox = await startSmtpInbox();
inbox.decide = async () => {
  seenThisRun += 1;
  const p = plan;
  here = p !== null && seenThisRun === p.atMessage ? p.point : null;
  if (here === 'before-accept') {
    // Killed while the server holds its answer: the message is not accepted.
    await kill();
    throw new Error('connection lost before the answer');
  }
};
inbox.onAccepted = () => {
  if (here === 'after-accept') setImmediate(() => void kill());
  if (here === 'after-accept+ms') setTimeout(() => void kill(), plan?.delayMs ?? 0);
};

const t = await postgresAt(values.url).open();
const db = t.db;

try {
  const athlete = await createAthlete(db, { name: 'Ada', email: 'runner@example.org' }, new Date());
  const t0 = Date.now() - 60_000;
  for (let i = 0; i < MESSAGES; i++) {
    await enqueue(db, {
      athleteId: athlete.id,
      kind: 'run-summary',
      key: String(i).padStart(4, '0'),
      payload: {},
      now: new Date(t0 + i),
    });
  }
  const kills: Record<KillPoint, number> = {
    timer: 0,
    'before-accept': 0,
    'after-accept': 0,
    'after-accept+ms': 0,
  };
  const started = performance.now();
  let runs = 0;
  let killed = 0;
  for (;;) {
    const last = killed >= KILLS;
    plan = last
      ? null
      : {
          point: POINTS[Math.floor(random() * POINTS.length)] ?? 'timer',
          atMessage: 1 + Math.floor(random() * 3),
          delayMs: Math.floor(random() * 20),
        };
    seenThisRun = 0;
    runs += 1;
    child = startNotifierChild({ dbUrl: t.url ?? '', smtpUrl: inbox.url });
    let timer: NodeJS.Timeout | null = null;
    // tsx takes a few hundred ms to start: the timer spreads kills over start-up, claims and sends.
    if (plan?.point === 'timer') timer = setTimeout(() => void kill(), 300 + Math.floor(random() * 900));
    const code = await child.exited;
    if (timer) clearTimeout(timer);
    const wasKilled = code === null;
    if (wasKilled && plan) {
      killed += 1;
      kills[plan.point] += 1;
    }
    if (!wasKilled && code !== 0) throw new Error(`the notifier child failed with exit code ${String(code)}`);
    if (!wasKilled) {
      const rows = await listOutbox(db, { limit: MESSAGES + 10 });
      if (rows.every((r) => r.status === 'sent')) break;
      if (last) throw new Error('a child ran to the end with messages still unsent');
    }
    if (runs > KILLS * 4 + 20) throw new Error('too many runs; giving up');
  }
  const drainS = (performance.now() - started) / 1000;

  const rows = await listOutbox(db, { limit: MESSAGES + 10 });
  const accepted = inbox.accepted.map((r) => r.mail.messageId ?? '?');
  const copies = new Map<string, number>();
  for (const id of accepted) copies.set(id, (copies.get(id) ?? 0) + 1);
  const lost = rows.filter((r) => !copies.has(r.messageId) || r.status !== 'sent');
  const doubled = rows.filter((r) => (copies.get(r.messageId) ?? 0) > 1);
  const extra = doubled.reduce((n, r) => n + (copies.get(r.messageId) ?? 0) - 1, 0);
  const foreign = [...copies.keys()].filter((id) => !rows.some((r) => r.messageId === id));

  const line = (label: string, value: string | number) => console.log(`${label.padEnd(34)} ${value}`);
  line('messages queued', MESSAGES);
  line('notifier processes started', runs);
  line('SIGKILLs', `${killed} (${POINTS.map((p) => `${p} ${kills[p]}`).join(', ')})`);
  line('copies accepted by the SMTP server', accepted.length);
  line('lost (never accepted, or not sent)', lost.length);
  line('accepted more than once', `${doubled.length} messages, ${extra} extra copies`);
  line(
    '  duplicates per after-accept kill',
    (extra / Math.max(1, kills['after-accept'] + kills['after-accept+ms'])).toFixed(2),
  );
  line(
    '  every copy with its row Message-ID',
    foreign.length === 0 ? 'yes' : `no: ${foreign.length} unknown`,
  );
  line('wall time to drain, all kills', `${drainS.toFixed(1)} s (no lease waited out)`);
  if (lost.length > 0) process.exitCode = 1;
} finally {
  await kill();
  await t.close();
  await inbox.close();
}
