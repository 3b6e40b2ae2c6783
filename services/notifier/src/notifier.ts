import cron, { type ScheduledTask } from 'node-cron';
import { describeError } from '@runcue/errors';
import type { Mailer } from './mailer.ts';
import type { Delivery, OutgoingMail } from './outgoing-mail.ts';
import {
  claimDue,
  enqueue,
  markFailed,
  markSent,
  recordSentCue,
  retryDelayMs,
  type Db,
  type OutboxRow,
} from '@runcue/store';
import { hasRunsToReview } from './has-runs-to-review.ts';
import { weeklyDue, type WeeklySchedule } from './weekly-due.ts';

/**
 * What a renderer makes of one outbox row: everything but the row's id and Message-ID, plus the
 * cues the message carries, recorded as sent in the same transaction that marks the row sent.
 */
export type RenderedMail = Omit<OutgoingMail, 'id' | 'messageId'> & {
  cues?: ReadonlyArray<{ cueId: string; level: number; activityId: string | null }>;
};
export type RenderMessage = (message: OutboxRow, now: Date) => Promise<RenderedMail>;

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
  /** How long a claim holds a row before another worker may take it over, ms (default 5 min). */
  leaseMs?: number;
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
 * The notifier: sends what the outbox holds and schedules weekly reviews. Each claimed row is
 * rendered and sent with its stored Message-ID, then marked sent; a failure is recorded with the
 * next attempt time (exponential backoff) so `runcue outbox` shows it. A crash after the SMTP
 * accept and before `markSent` resends the row when its lease runs out, with the same Message-ID.
 */
export function createNotifier(o: NotifierOptions): Notifier {
  const batchSize = o.batchSize ?? 20;
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let task: ScheduledTask | null = null;
  const inFlight = new Set<Promise<unknown>>();
  let started = false;
  let again = false;
  let running = false;

  async function sendOne(m: OutboxRow, now: Date): Promise<SendResult> {
    const base = { id: m.id, kind: m.kind, key: m.key };
    try {
      const rendered = await o.render(m, now);
      const { cues = [], ...mail } = rendered;
      const delivery = await o.mailer.send({ ...mail, id: m.id, messageId: m.messageId });
      const sentAt = o.clock();
      await o.db.transaction(async (tx) => {
        // Only the attempt that flips the row records its cues, so a resend does not escalate them twice.
        if (!(await markSent(tx, m.id, sentAt))) return;
        for (const c of cues) await recordSentCue(tx, { athleteId: m.athleteId, ...c, at: sentAt });
      });
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

  async function runOnce(now = o.clock()): Promise<SendResult[]> {
    const claimed = await claimDue(o.db, now, batchSize, leaseMs);
    const results: SendResult[] = [];
    for (const m of claimed) results.push(await sendOne(m, now));
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
