import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import { describeError } from '@runcue/errors';
import type { Mailer } from './mailer.ts';
import type { Delivery, OutgoingMail } from './outgoing-mail.ts';
import {
  claimDue,
  DEFAULT_CLAIM_LEASE_MS,
  enqueue,
  listClaimedByOthers,
  markFailed,
  markSent,
  markTransmitting,
  markWithdrawn,
  recordSentCue,
  releaseClaim,
  retryDelayMs,
  type Db,
  type OutboxRow,
} from '@runcue/store';
import { hasRunsToReview } from '@runcue/operations';
import { weeklyDue, type WeeklySchedule } from './weekly-due.ts';

/**
 * What a renderer makes of one outbox row: everything but the row's id and Message-ID, plus the
 * cues the message carries, recorded as sent in the same transaction that marks the row sent.
 */
export type RenderedMail = Omit<OutgoingMail, 'id' | 'messageId'> & {
  cues?: ReadonlyArray<{ cueId: string; level: number; activityId: string | null }>;
};
/** What a renderer answers instead of a message the runner no longer wants: why it is not sent. */
interface WithdrawnMail {
  withdrawn: string;
}
export type RenderMessage = (message: OutboxRow, now: Date) => Promise<RenderedMail | WithdrawnMail>;

export interface NotifierLogger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface NotifierOptions {
  db: Db;
  mailer: Mailer;
  render: RenderMessage;
  /** Athletes and their weekly-review schedules, read fresh on every weekly tick. */
  schedules: () => Promise<WeeklySchedule[]>;
  clock: () => Date;
  logger: NotifierLogger;
  /** How often to look for due rows when started, ms (default 5000). */
  pollMs?: number;
  /** node-cron pattern of the weekly-review tick (default every 15 minutes). */
  weeklyCron?: string;
  batchSize?: number;
  /** How long a claim holds a row while its message is rendered, ms (default 1 min). */
  leaseMs?: number;
  /** How long a row is held once its SMTP transaction begins, ms (default 2 min: the SMTP timeouts and more). */
  sendLeaseMs?: number;
  /** This worker's name in the outbox (default `host/pid`). */
  worker?: string;
  /** Whether the worker that claimed a row still runs (default: same host and its pid is alive). */
  isWorkerAlive?: (worker: string) => boolean;
  maxAttempts?: number;
  /** First retry delay, ms; doubles per attempt (default 30 s). */
  retryBaseMs?: number;
}

export type SendResult =
  | { id: string; kind: string; key: string; ok: true; delivery: Delivery }
  | {
      id: string;
      kind: string;
      key: string;
      ok: false;
      error: { code: string; message: string };
      retryAt: Date | null;
    };

export interface Notifier {
  /** Claims and sends every due row once; one result per row, failures included. */
  runOnce(now?: Date): Promise<SendResult[]>;
  /**
   * Enqueues the weekly reviews due at `now`, skipping athletes with no run in the twelve weeks the
   * review would show; returns the athlete-weeks newly enqueued.
   */
  enqueueWeekly(now?: Date): Promise<Array<{ athleteId: string; isoWeek: string }>>;
  /** Asks a started notifier to look at the outbox now instead of at the next poll. */
  wake(): void;
  start(): void;
  /** Stops the poll and the cron task and waits for sends in flight. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The notifier: sends what the outbox holds and schedules weekly reviews. Rows are claimed one at
 * a time, rendered, marked as transmitting (committed before the SMTP transaction begins), sent
 * with their stored Message-ID and marked sent; a failure is recorded with the next attempt time
 * (exponential backoff) so `runcue outbox` shows it.
 *
 * Delivery is at-least-once. Before each pass the notifier reconciles rows held by a worker that
 * is gone: one that never began transmitting is queued again at once (it never reached the mail
 * server); one that did is marked sent if the transport can tell it arrived (the folder outbox
 * can), and otherwise sent again with the same Message-ID. Only a crash between the server's
 * accept and the row's update, a window SMTP cannot close, delivers a message twice. Rows of a
 * worker on another host wait out a short lease instead.
 */
export function createNotifier(o: NotifierOptions): Notifier {
  const batchSize = o.batchSize ?? 20;
  const leaseMs = o.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const sendLeaseMs = o.sendLeaseMs ?? 2 * 60_000;
  const worker = o.worker ?? `${hostname()}/${process.pid}`;
  const isWorkerAlive = o.isWorkerAlive ?? isLocalWorkerAlive;
  let timer: NodeJS.Timeout | null = null;
  let task: ScheduledTask | null = null;
  const inFlight = new Set<Promise<unknown>>();
  let started = false;
  let again = false;
  let running = false;

  async function sendOne(m: OutboxRow, now: Date): Promise<SendResult | null> {
    const base = { id: m.id, kind: m.kind, key: m.key };
    try {
      const rendered = await o.render(m, now);
      if ('withdrawn' in rendered) {
        if (!(await markWithdrawn(o.db, m.id, rendered.withdrawn))) return null;
        o.logger.info(`${m.kind} ${m.key}: not sent, ${rendered.withdrawn}`);
        return {
          ...base,
          ok: false,
          error: { code: 'EMAIL_TURNED_OFF', message: rendered.withdrawn },
          retryAt: null,
        };
      }
      const { cues = [], ...mail } = rendered;
      // Committed before the SMTP transaction: a crash from here on is reconciled, not forgotten.
      if (!(await markTransmitting(o.db, m.id, worker, o.clock(), sendLeaseMs))) {
        o.logger.info(`${m.kind} ${m.key}: another worker took it over; not sending it here`);
        return null;
      }
      const delivery = await o.mailer.send({ ...mail, id: m.id, messageId: m.messageId });
      const sentAt = o.clock();
      // One statement right after the accept: the time a crash can double a message is one round
      // trip. Only the attempt that flips the row records its cues, so a resend does not escalate
      // them twice (a crash between the two statements costs a cue's rotation, never an email).
      if ((await markSent(o.db, m.id, sentAt)) && cues.length > 0) {
        await o.db.transaction(async (tx) => {
          for (const c of cues) await recordSentCue(tx, { athleteId: m.athleteId, ...c, at: sentAt });
        });
      }
      o.logger.info(
        delivery.via === 'file'
          ? `wrote ${m.kind} ${m.key} to ${delivery.emlPath}`
          : `sent ${m.kind} ${m.key} ${m.messageId}`,
      );
      return { ...base, ok: true, delivery };
    } catch (err) {
      const error = describeError(err);
      const failedAt = o.clock();
      const delayMs = retryDelayMs(m.attempts, {
        baseMs: o.retryBaseMs ?? 30_000,
        maxAttempts: o.maxAttempts ?? 8,
      });
      await markFailed(o.db, m.id, {
        now: failedAt,
        error: `${error.code}: ${error.message}`,
        retryInMs: delayMs,
      });
      const next = delayMs === null ? null : new Date(failedAt.getTime() + delayMs);
      o.logger.error(
        `${m.kind} ${m.key} failed (attempt ${m.attempts}${next ? `, retry at ${next.toISOString()}` : ', giving up'}): ${error.message}`,
        err,
      );
      return { ...base, ok: false, error, retryAt: next };
    }
  }

  /** Rows held by workers that are gone: queued again at once, or marked sent if they arrived. */
  async function reconcile(now: Date): Promise<void> {
    for (const row of await listClaimedByOthers(o.db, worker)) {
      const holder = row.claimedBy;
      if (holder === null || isWorkerAlive(holder)) continue;
      if (row.transmitStartedAt !== null && (await o.mailer.wasDelivered(row)) === true) {
        if (await markSent(o.db, row.id, now))
          o.logger.info(`${row.kind} ${row.key}: ${row.messageId} had arrived before ${holder} stopped`);
        continue;
      }
      if (!(await releaseClaim(o.db, row.id, holder, now))) continue;
      o.logger.info(
        row.transmitStartedAt === null
          ? `${row.kind} ${row.key}: ${holder} stopped before sending it; queued again`
          : `${row.kind} ${row.key}: ${holder} stopped while sending it; sending it again with the same Message-ID ${row.messageId}`,
      );
    }
  }

  async function runOnce(now = o.clock()): Promise<SendResult[]> {
    await reconcile(now);
    const results: SendResult[] = [];
    while (results.length < batchSize) {
      // One row at a time: a claim covers one message's rendering, and a crash strands one row.
      const [m] = await claimDue(o.db, now, 1, leaseMs, worker);
      if (m === undefined) break;
      // Connect to the mail server while the message is rendered, not after.
      await o.mailer.prepare();
      const result = await sendOne(m, now);
      if (result !== null) results.push(result);
    }
    return results;
  }

  async function enqueueWeekly(now = o.clock()) {
    const due = weeklyDue(now, await o.schedules());
    const added: Array<{ athleteId: string; isoWeek: string }> = [];
    for (const d of due) {
      if (!(await hasRunsToReview(o.db, d.athleteId, d.isoWeek, d.timeZone))) continue;
      const payload = { isoWeek: d.isoWeek, timeZone: d.timeZone };
      const { created } = await enqueue(o.db, {
        athleteId: d.athleteId,
        kind: 'weekly-review',
        key: d.isoWeek,
        payload,
        now,
      });
      if (created) added.push({ athleteId: d.athleteId, isoWeek: d.isoWeek });
    }
    if (added.length > 0)
      o.logger.info(`queued ${added.length} weekly review(s): ${added.map((a) => a.isoWeek).join(', ')}`);
    return added;
  }

  // One drain at a time; a wake during a drain runs one more pass right after it.
  function drain(): void {
    if (running) {
      again = true;
      return;
    }
    running = true;
    track(
      (async () => {
        try {
          do {
            again = false;
            let results: SendResult[];
            do {
              results = await runOnce().catch((err: unknown) => {
                o.logger.error(`outbox pass failed: ${describeError(err).message}`, err);
                return [];
              });
            } while (results.length >= batchSize && started);
          } while (again && started);
        } finally {
          running = false;
        }
      })(),
    );
  }

  function weeklyTick(): void {
    track(
      enqueueWeekly()
        .catch((err: unknown) => o.logger.error(`weekly tick failed: ${describeError(err).message}`, err))
        .then(() => {
          if (started) drain();
        }),
    );
  }

  function track(p: Promise<unknown>): void {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  return {
    runOnce,
    enqueueWeekly,
    wake: () => {
      if (started) drain();
    },
    start() {
      if (started) return;
      started = true;
      timer = setInterval(drain, o.pollMs ?? 5000);
      task = cron.schedule(o.weeklyCron ?? '*/15 * * * *', weeklyTick);
      weeklyTick();
    },
    async stop() {
      started = false;
      if (timer !== null) clearInterval(timer);
      timer = null;
      const t = task;
      task = null;
      if (t !== null) await t.destroy();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Whether a worker named `host/pid` still runs: on this host, whether its process exists (EPERM:
 * it does, under another user); on another host we cannot tell, so it is taken as alive and its
 * rows wait out their lease.
 */
function isLocalWorkerAlive(name: string): boolean {
  const cut = name.lastIndexOf('/');
  const pid = Number(name.slice(cut + 1));
  if (cut < 0 || name.slice(0, cut) !== hostname() || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
