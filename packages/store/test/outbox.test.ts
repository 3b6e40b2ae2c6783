import { beforeEach, describe, expect, it } from 'vitest';
import {
  claimDue,
  enqueue,
  listClaimedByOthers,
  listOutbox,
  markFailed,
  markSent,
  markTransmitting,
  releaseClaim,
  requeue,
  retryDelayMs,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at } from './fixtures.ts';

describe('retryDelayMs', () => {
  it('doubles from the base, caps, and gives up after the last attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 1000, maxMs: 5000, maxAttempts: 5 }))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
    expect(retryDelayMs(5, { maxAttempts: 5 })).toBeNull();
  });
});

describe.each(backends)('outbox on $name', (backend) => {
  const t = useTestDb(backend);
  let athleteId: string;
  beforeEach(async () => {
    athleteId = (await addRunner(t.db)).id;
  });

  it('enqueues once per athlete, kind and key, with a stable Message-ID', async () => {
    const a = await enqueue(t.db, {
      athleteId,
      kind: 'run-summary',
      key: 'act-1',
      payload: { activityId: 'act-1' },
      now: T0,
    });
    const again = await enqueue(t.db, {
      athleteId,
      kind: 'run-summary',
      key: 'act-1',
      payload: { other: true },
      now: at(5),
    });
    expect(a.created).toBe(true);
    expect(again).toEqual({ row: a.row, created: false });
    expect(a.row).toMatchObject({
      status: 'pending',
      attempts: 0,
      payload: { activityId: 'act-1' },
      sentAt: null,
    });
    expect(a.row.messageId).toMatch(/^<outbox-[0-9a-f-]{36}@runcue\.local>$/);
    const weekly = await enqueue(t.db, {
      athleteId,
      kind: 'weekly-review',
      key: 'act-1',
      payload: {},
      now: T0,
      messageIdDomain: 'mail.test',
    });
    expect(weekly.created).toBe(true);
    expect(weekly.row.messageId).toMatch(/@mail\.test>$/);
    expect(await listOutbox(t.db, { athleteId })).toHaveLength(2);
  });

  it('claims due rows only, marks them sent once, and retries failures after their backoff', async () => {
    const due = await enqueue(t.db, { athleteId, kind: 'run-summary', key: 'a', payload: {}, now: T0 });
    await enqueue(t.db, { athleteId, kind: 'run-summary', key: 'later', payload: {}, now: at(60) });
    const claimed = await claimDue(t.db, at(1), 10, 5 * 60_000);
    expect(claimed.map((r) => [r.id, r.status, r.attempts])).toEqual([[due.row.id, 'sending', 1]]);
    expect(await claimDue(t.db, at(2), 10)).toEqual([]);

    await markFailed(t.db, due.row.id, { now: at(2), error: 'SMTP 451', retryInMs: 10 * 60_000 });
    expect(await claimDue(t.db, at(11), 10)).toEqual([]);
    const retried = await claimDue(t.db, at(12), 1);
    expect(retried.map((r) => [r.id, r.attempts, r.lastError])).toEqual([[due.row.id, 2, 'SMTP 451']]);
    expect(await markSent(t.db, due.row.id, at(13))).toBe(true);
    expect(await markSent(t.db, due.row.id, at(14))).toBe(false);
    const [row] = await listOutbox(t.db, { status: 'sent' });
    expect(row?.sentAt?.toISOString()).toBe(at(13).toISOString());
    expect(row?.messageId).toBe(due.row.messageId);
  });

  it('gives up on a row with no retry, and requeue brings it back', async () => {
    const { row } = await enqueue(t.db, {
      athleteId,
      kind: 'weekly-review',
      key: '2026-W47',
      payload: {},
      now: T0,
    });
    await claimDue(t.db, T0, 5);
    await markFailed(t.db, row.id, { now: at(1), error: 'bad address', retryInMs: null });
    expect((await listOutbox(t.db, { status: 'failed' })).map((r) => r.lastError)).toEqual(['bad address']);
    expect(await claimDue(t.db, at(1000), 5)).toEqual([]);
    expect(await requeue(t.db, row.id, at(1001))).toBe(true);
    expect((await claimDue(t.db, at(1001), 5)).map((r) => r.id)).toEqual([row.id]);
  });

  it("marks a row transmitting for its claimant only, and releases a dead worker's row in its old place", async () => {
    const first = await enqueue(t.db, { athleteId, kind: 'run-summary', key: 't1', payload: {}, now: T0 });
    const second = await enqueue(t.db, {
      athleteId,
      kind: 'run-summary',
      key: 't2',
      payload: {},
      now: at(1),
    });
    const [a] = await claimDue(t.db, at(2), 1, 60_000, 'host/111');
    expect([a?.id, a?.claimedBy, a?.transmitStartedAt]).toEqual([first.row.id, 'host/111', null]);
    expect(await markTransmitting(t.db, first.row.id, 'host/222', at(2), 120_000)).toBe(false);
    expect(await markTransmitting(t.db, first.row.id, 'host/111', at(2), 120_000)).toBe(true);
    const [held] = await listClaimedByOthers(t.db, 'host/333');
    expect(held?.transmitStartedAt?.toISOString()).toBe(at(2).toISOString());
    expect(held?.lockedUntil?.toISOString()).toBe(new Date(at(2).getTime() + 120_000).toISOString());
    expect(await listClaimedByOthers(t.db, 'host/111')).toEqual([]);
    // The worker died: its row is due again at once, ahead of the row queued after it.
    expect(await releaseClaim(t.db, first.row.id, 'host/999', at(3))).toBe(false);
    expect(await releaseClaim(t.db, first.row.id, 'host/111', at(3))).toBe(true);
    const again = await claimDue(t.db, at(3), 2, 60_000, 'host/444');
    expect(again.map((r) => [r.id, r.attempts, r.claimedBy, r.transmitStartedAt])).toEqual([
      [first.row.id, 2, 'host/444', null],
      [second.row.id, 1, 'host/444', null],
    ]);
    expect(await markSent(t.db, first.row.id, at(4))).toBe(true);
    expect((await listOutbox(t.db, { status: 'sent' }))[0]?.claimedBy).toBe(null);
  });

  it('reclaims a row whose sender died mid-send once its lease lapses', async () => {
    const { row } = await enqueue(t.db, { athleteId, kind: 'run-summary', key: 'x', payload: {}, now: T0 });
    await claimDue(t.db, T0, 5, 60_000);
    expect(await claimDue(t.db, new Date(T0.getTime() + 59_000), 5)).toEqual([]);
    const again = await claimDue(t.db, new Date(T0.getTime() + 60_000), 5);
    expect(again.map((r) => [r.id, r.attempts, r.messageId])).toEqual([[row.id, 2, row.messageId]]);
  });

  it('two workers claiming at once never take the same row', async () => {
    for (let i = 0; i < 20; i++)
      await enqueue(t.db, { athleteId, kind: 'run-summary', key: `k${i}`, payload: {}, now: T0 });
    const other = t.openAnother();
    // Each worker claims inside its own transaction and, on PostgreSQL, holds it open until the
    // other has claimed too, so both claims overlap. PGlite runs one transaction at a time: there
    // the second worker claims once the first has committed.
    const done: Array<() => void> = [];
    const claimed = [0, 1].map(() => new Promise<void>((resolve) => done.push(resolve)));
    const worker = (db: typeof t.db, me: 0 | 1) =>
      db.transaction(async (tx) => {
        // A claim that waited on the other's locked rows would wait forever: make it fail instead.
        if (backend.name === 'postgres') await tx.query(`SET LOCAL lock_timeout = '30s'`);
        const rows = await claimDue(tx, at(1), 15).finally(() => done[me]?.());
        if (backend.name === 'postgres') await claimed[1 - me];
        return rows.map((r) => r.id);
      });
    const [a, b] = await Promise.all([worker(t.db, 0), worker(other, 1)]);
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(20);
    if (backend.name === 'postgres') expect(Math.min(a.length, b.length)).toBeGreaterThan(0);
  });
});
