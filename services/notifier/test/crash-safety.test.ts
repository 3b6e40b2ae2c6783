/**
 * Nothing lost, nothing doubled: the notifier runs as a child process and is killed with SIGKILL
 * (1) while the SMTP server holds its answer to DATA (before the accept) and (2) after the server
 * accepted a message but before the outbox row was marked sent (the test holds the row lock so the
 * child's UPDATE waits, then kills it). After restarts every message has been accepted, and the one
 * accepted twice carries the same Message-ID both times.
 */
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAthlete, enqueue, listOutbox } from '@runcue/store';
import { postgresBackend, useTestDb, waitFor } from '@runcue/store/testing';
import { startNotifierChild, startSmtpInbox, type SmtpInbox } from './testing.ts';

const HOUR = 3_600_000;

const t = useTestDb(postgresBackend);
let inbox: SmtpInbox;
/** A plain client on the schema, for holding row locks and looking at pg_stat_activity. */
let client: pg.Client;
beforeEach(async () => {
  inbox = await startSmtpInbox();
  client = new pg.Client({ connectionString: t.url ?? '' });
  await client.connect();
});
afterEach(async () => {
  await client.end();
  await inbox.close();
});

function startChild(clockOffsetMs: number) {
  return startNotifierChild({ dbUrl: t.url ?? '', smtpUrl: inbox.url, clockOffsetMs });
}

/** Waits until the child's `UPDATE outbox SET status = 'sent'` is blocked by the row lock the test holds. */
async function blockedMarkSentPid(): Promise<number> {
  let pid: number | null = null;
  await waitFor(async () => {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ pid: number }>(
      // The backend blocked by this test's own lock on row C: after the accept, only the child's
      // update of that row can wait on it (other suites may share the server). The statistics
      // snapshot is cleared first: inside a transaction, pg_stat_activity is frozen at first read.
      `SELECT a.pid FROM pg_stat_activity a WHERE pg_backend_pid() = ANY (pg_blocking_pids(a.pid))`,
    );
    pid = rows[0]?.pid ?? null;
    return pid !== null;
  }, 'the child to block on marking the row sent');
  return pid ?? -1;
}

it('delivers every message after kills before and after the SMTP accept, duplicates share a Message-ID', async () => {
  const athlete = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, new Date());
  const t0 = Date.now() - 60_000;
  for (const [i, key] of ['A', 'B', 'C'].entries()) {
    await enqueue(t.db, {
      athleteId: athlete.id,
      kind: 'weekly-review',
      key,
      payload: {},
      now: new Date(t0 + i * 1000),
    });
  }
  const subjectKey = (subject: string | undefined) => subject?.split(' ').at(-1) ?? '?';

  // Run 1: A goes through; B's DATA is held and the child is killed before the server answers.
  let killed1 = false;
  const run1 = startChild(0);
  inbox.decide = async (r) => {
    if (subjectKey(r.mail.subject) !== 'B') return;
    run1.child.kill('SIGKILL');
    killed1 = true;
    await run1.exited;
    throw new Error('connection lost before the answer');
  };
  await run1.exited;
  expect(killed1).toBe(true);
  expect(inbox.accepted.map((r) => subjectKey(r.mail.subject))).toEqual(['A']);

  // Run 2, after the claim on B lapsed: B goes through; C is accepted while the test holds C's row
  // lock, so the child's "mark sent" waits; the child is killed there and its backend terminated.
  const cRow = (await listOutbox(t.db)).find((r) => r.key === 'C');
  const kill: { done: Promise<void> | null } = { done: null };
  const run2 = startChild(HOUR);
  inbox.decide = async (r) => {
    if (subjectKey(r.mail.subject) !== 'C') return;
    await client.query('BEGIN');
    await client.query('SELECT id FROM outbox WHERE id::text = $1 FOR UPDATE', [cRow?.id]);
    kill.done = (async () => {
      try {
        const pid = await blockedMarkSentPid();
        run2.child.kill('SIGKILL');
        await run2.exited;
        await client.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        run2.child.kill('SIGKILL'); // never leave the child waiting on the lock
        await client.query('ROLLBACK');
      }
    })();
  };
  await run2.exited;
  await expect.poll(() => kill.done !== null).toBe(true);
  await kill.done;
  expect(inbox.accepted.map((r) => subjectKey(r.mail.subject))).toEqual(['A', 'B', 'C']);
  expect((await listOutbox(t.db)).find((r) => r.key === 'C')?.status).toBe('sending');

  // Run 3, after C's claim lapsed: C is sent again, and the child finds nothing more to do.
  inbox.decide = () => Promise.resolve();
  const run3 = startChild(2 * HOUR);
  expect(await run3.exited).toBe(0);

  const accepted = inbox.accepted.map((r) => ({
    key: subjectKey(r.mail.subject),
    messageId: r.mail.messageId,
  }));
  expect(accepted.map((a) => a.key)).toEqual(['A', 'B', 'C', 'C']);
  const rows = await listOutbox(t.db);
  for (const key of ['A', 'B', 'C']) {
    const row = rows.find((r) => r.key === key);
    expect(row?.status).toBe('sent');
    // Every copy that reached the server carries the row's Message-ID.
    for (const a of accepted.filter((x) => x.key === key)) expect(a.messageId).toBe(row?.messageId);
  }
  const cIds = accepted.filter((a) => a.key === 'C').map((a) => a.messageId);
  expect(new Set(cIds).size).toBe(1);
});
