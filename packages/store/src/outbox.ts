import { oneRow, type Db } from './db.ts';
import { listByStatus, type StatusListFilter, type StatusListing } from './list-by-status.ts';

export type OutboxKind = 'run-summary' | 'weekly-review';
/**
 * `withdrawn`: queued, then not sent because the runner turned that kind of email off before it
 * went out (an explicit request, `requested: true` in the payload, is sent regardless).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'withdrawn';

/** One message to send, and where it is on its way. */
export interface OutboxRow {
  id: string;
  athleteId: string;
  kind: OutboxKind;
  /** What makes the message unique for the athlete and kind: an activity id, an ISO week. */
  key: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** While `sending`: when the claim lapses and another worker may take the row. */
  lockedUntil: Date | null;
  /** While `sending`: the worker that claimed the row (`host/pid`), when it said. */
  claimedBy: string | null;
  /** While `sending`: when the SMTP transaction began; null while the message is still being rendered. */
  transmitStartedAt: Date | null;
  /** Stable Message-ID for every attempt, so a message sent twice is shown once. */
  messageId: string;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const OUTBOX_COLUMNS = `o.id::text AS id, o.athlete_id::text AS "athleteId", o.kind, o.key, o.payload, o.status, o.attempts,
  o.next_attempt_at AS "nextAttemptAt", o.locked_until AS "lockedUntil", o.message_id AS "messageId",
  o.last_error AS "lastError", o.created_at AS "createdAt", o.sent_at AS "sentAt",
  o.claimed_by AS "claimedBy", o.transmit_started_at AS "transmitStartedAt"`;

export interface NewOutboxMessage {
  athleteId: string;
  kind: OutboxKind;
  key: string;
  payload: Record<string, unknown>;
  now: Date;
  /** Domain part of the generated Message-ID (default 'runcue.local'). */
  messageIdDomain?: string;
}

/**
 * Queue a message once: a second call with the same athlete, kind and key returns the existing
 * row untouched (`created: false`). The Message-ID is fixed here, from the row's id.
 */
export async function enqueue(
  db: Db,
  message: NewOutboxMessage,
): Promise<{ row: OutboxRow; created: boolean }> {
  const inserted = await db.query<OutboxRow>(
    `INSERT INTO outbox AS o (id, athlete_id, kind, key, payload, next_attempt_at, message_id, created_at)
     SELECT g.id, $1, $2, $3, $4, $5, '<outbox-' || g.id || '@' || $6 || '>', $5 FROM (SELECT gen_random_uuid() AS id) g
     ON CONFLICT (athlete_id, kind, key) DO NOTHING RETURNING ${OUTBOX_COLUMNS}`,
    [
      message.athleteId,
      message.kind,
      message.key,
      JSON.stringify(message.payload),
      message.now,
      message.messageIdDomain ?? 'runcue.local',
    ],
  );
  if (inserted.rows[0]) return { row: inserted.rows[0], created: true };
  const existing = await db.query<OutboxRow>(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.athlete_id = $1 AND o.kind = $2 AND o.key = $3`,
    [message.athleteId, message.kind, message.key],
  );
  return { row: oneRow(existing.rows), created: false };
}

/** How long a claim holds a row by default: enough to render one message, not to send it. */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

/**
 * Claim up to `limit` rows that are due at `now`: pending rows whose next attempt has come, and
 * `sending` rows whose claim lapsed (a worker died mid-send). Claimed rows become `sending` for
 * `leaseMs` (default one minute, to render them; `markTransmitting` extends it for the send) with
 * `attempts` counted up, claimed by `worker`. `FOR UPDATE SKIP LOCKED` lets several workers claim
 * at once without taking the same row.
 */
export async function claimDue(
  db: Db,
  now: Date,
  limit: number,
  leaseMs = DEFAULT_CLAIM_LEASE_MS,
  worker: string | null = null,
): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1,
       locked_until = $1::timestamptz + make_interval(secs => $3::float8 / 1000),
       claimed_by = $4, transmit_started_at = NULL
     FROM (SELECT id FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until <= $1)
           ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
     WHERE o.id = due.id RETURNING ${OUTBOX_COLUMNS}`,
    [now, limit, leaseMs, worker],
  );
  return rows.sort(
    (a, b) =>
      a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

/**
 * Record, committed before the SMTP transaction begins, that the message of a row `worker` holds
 * is about to go to the mail server, and hold the row for `leaseMs` (what a send may take). False
 * when the claim was lost (it lapsed and another worker took the row): then nothing is sent.
 */
export async function markTransmitting(
  db: Db,
  id: string,
  worker: string | null,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET transmit_started_at = $3,
       locked_until = $3::timestamptz + make_interval(secs => $4::float8 / 1000)
     WHERE id::text = $1 AND status = 'sending' AND claimed_by IS NOT DISTINCT FROM $2 RETURNING id`,
    [id, worker, now, leaseMs],
  );
  return rows.length > 0;
}

/** Rows being sent by workers other than `worker`: what a restarted worker reconciles. */
export async function listClaimedByOthers(db: Db, worker: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox o
     WHERE o.status = 'sending' AND o.claimed_by IS NOT NULL AND o.claimed_by <> $1
     ORDER BY o.next_attempt_at, o.created_at`,
    [worker],
  );
  return rows;
}

/**
 * Hands a row that `deadWorker` held back to the queue, due at once and in its old place (its
 * worker is gone, so there is no lease to wait out). False when the row has moved on meanwhile.
 */
export async function releaseClaim(db: Db, id: string, deadWorker: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET status = 'pending', next_attempt_at = LEAST(next_attempt_at, $3), locked_until = NULL,
       claimed_by = NULL, transmit_started_at = NULL
     WHERE id::text = $1 AND status = 'sending' AND claimed_by = $2 RETURNING id`,
    [id, deadWorker, now],
  );
  return rows.length > 0;
}

/** Record that a claimed row was accepted by the mail server. False when it was already sent. */
export async function markSent(db: Db, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = $2, locked_until = NULL, last_error = NULL,
       claimed_by = NULL, transmit_started_at = NULL
     WHERE id::text = $1 AND status <> 'sent' RETURNING id`,
    [id, now],
  );
  return rows.length > 0;
}

/**
 * Record a failed attempt. With `retryInMs` the row goes back to pending for a later try; with
 * null it is given up on (`failed`, shown by `runcue outbox`, retried only by `requeue`).
 */
export async function markFailed(
  db: Db,
  id: string,
  failure: { now: Date; error: string; retryInMs: number | null },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = CASE WHEN $4::float8 IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $4::float8 IS NULL THEN next_attempt_at ELSE $2::timestamptz + make_interval(secs => $4::float8 / 1000) END,
       locked_until = NULL, last_error = $3, claimed_by = NULL, transmit_started_at = NULL
     WHERE id::text = $1 AND status <> 'sent'`,
    [id, failure.now, failure.error, failure.retryInMs],
  );
}

/**
 * Record that a claimed row's message is not sent, and why: the runner turned this kind of email
 * off after it was queued. False when the claim was lost meanwhile.
 */
export async function markWithdrawn(db: Db, id: string, reason: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET status = 'withdrawn', locked_until = NULL, last_error = $2, claimed_by = NULL,
       transmit_started_at = NULL
     WHERE id::text = $1 AND status = 'sending' RETURNING id`,
    [id, reason],
  );
  return rows.length > 0;
}

/**
 * Put a failed or withdrawn row back in the queue, due at `now`, as asked for by name (so it is
 * sent even if that kind of email is turned off). False when the row is neither.
 */
export async function requeue(db: Db, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET status = 'pending', next_attempt_at = $2, payload = payload || '{"requested": true}'::jsonb
     WHERE id::text = $1 AND status IN ('failed', 'withdrawn') RETURNING id`,
    [id, now],
  );
  return rows.length > 0;
}

const OUTBOX_LISTING: StatusListing = {
  table: 'outbox',
  alias: 'o',
  columns: OUTBOX_COLUMNS,
  orderBy: 'o.created_at DESC, o.id',
  defaultLimit: 100,
};

/** Outbox rows, newest first, optionally for one athlete and/or status. */
export function listOutbox(db: Db, filter: StatusListFilter<OutboxStatus> = {}): Promise<OutboxRow[]> {
  return listByStatus<OutboxRow>(db, OUTBOX_LISTING, filter);
}

/**
 * Exponential backoff for the next attempt after `attempts` tries: `baseMs` × 2^(attempts−1),
 * capped at `maxMs`; null (give up) once `maxAttempts` tries have been made.
 */
export function retryDelayMs(
  attempts: number,
  options: { baseMs?: number; maxMs?: number; maxAttempts?: number } = {},
): number | null {
  const { baseMs = 60_000, maxMs = 6 * 3_600_000, maxAttempts = 8 } = options;
  if (attempts >= maxAttempts) return null;
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The post-run summary of each of the athlete's activities that has one queued, by activity id:
 * where it is on its way (what `runcue runs` shows next to each run).
 */
export async function runSummaryStatuses(db: Db, athleteId: string): Promise<Map<string, OutboxStatus>> {
  const { rows } = await db.query<{ key: string; status: OutboxStatus }>(
    `SELECT key, status FROM outbox WHERE athlete_id::text = $1 AND kind = 'run-summary'`,
    [athleteId],
  );
  return new Map(rows.map((r) => [r.key, r.status]));
}

/**
 * Send a sent message again (a runner asked for it): back to pending with a fresh Message-ID, so
 * that a mail client does not hide it as the same message. Returns false unless it was sent.
 */
export async function resend(db: Db, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, sent_at = NULL, last_error = NULL,
       payload = payload || '{"requested": true}'::jsonb,
       message_id = regexp_replace(message_id, '^<outbox-([0-9a-f-]+)(-[0-9]+)?@', '<outbox-\\1-' || (extract(epoch from $2::timestamptz) * 1000)::bigint || '@')
     WHERE id::text = $1 AND status = 'sent' RETURNING id`,
    [id, now],
  );
  return rows.length > 0;
}
