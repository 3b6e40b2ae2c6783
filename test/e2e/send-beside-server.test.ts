/**
 * "A message is never marked sent unless it was delivered the way the running configuration
 * says", on PostgreSQL: while `runcue start` serves the database with its SMTP settings, a
 * `trends --send` or `summary --send` from a second terminal that has no SMTP settings queues the
 * message for the server (which delivers it over SMTP) and never writes it to its own outbox folder.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresBackend, useSuiteDb } from '@runcue/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADD_ADA, corpus, spawnRuncue } from './ingest-harness.ts';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';

const pgdb = useSuiteDb(postgresBackend, { migrated: false });
let serverHome: string;
let terminalHome: string;
let inbox: SmtpInbox;

/** The real binary on this file's PostgreSQL schema, with SMTP settings only where given. */
function runcue(args: readonly string[], home: string, smtpUrl: string | null) {
  return spawnRuncue(args, home, {
    RUNCUE_DATABASE_URL: pgdb.url ?? '',
    INIT_CWD: home,
    ...(smtpUrl === null ? {} : { RUNCUE_SMTP_URL: smtpUrl }),
  });
}

async function terminal(...args: string[]) {
  const r = runcue(args, terminalHome, null);
  const code = await r.exited;
  return { code, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  serverHome = await mkdtemp(path.join(tmpdir(), 'runcue-server-'));
  terminalHome = await mkdtemp(path.join(tmpdir(), 'runcue-terminal-'));
  inbox = await startSmtpInbox();
});
afterAll(async () => {
  await inbox.close();
  await rm(serverHome, { recursive: true, force: true });
  await rm(terminalHome, { recursive: true, force: true });
});

it('queues a --send from a terminal without SMTP settings for the running server, which delivers it', async () => {
  const add = await terminal(...ADD_ADA);
  expect(add.code, add.stderr).toBe(0);
  // An old run: stored without an email of its own.
  const imported = await terminal('import', 'Ada', corpus('ActivityLog2/920xt-run.fit'));
  expect(imported.code, imported.stderr).toBe(0);

  const server = runcue(['start', '--no-api'], serverHome, inbox.url);
  try {
    await server.waitForOutput('runcue is running');
    const pid = server.child.pid ?? -1;

    const trends = await terminal('trends', 'Ada', '--week', '2014-W52', '--send');
    expect(trends.code, trends.stderr).toBe(0);
    expect(trends.stdout).toContain(
      `queued the weekly review of 2014-W52: runcue start (pid ${pid}) sends it`,
    );
    const review = await inbox.next(1, 120_000);
    expect(review.mail.subject).toContain('2014-W52');

    const summary = await terminal('summary', 'latest', '--send');
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toContain(`runcue start (pid ${pid}) sends it`);
    const post = await inbox.next(2, 120_000);
    expect(post.mail.to).toMatchObject({ text: 'ada@example.org' });

    const sent = await terminal('outbox', '--status', 'sent');
    expect(sent.stdout).toMatch(/weekly-review 2014-W52 {2}sent/);
    // Nothing went to the terminal's own outbox folder.
    await expect(stat(path.join(terminalHome, 'outbox'))).rejects.toThrow(/ENOENT/);
  } finally {
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }

  // With no server, the terminal's own configuration is the running one: it sends itself.
  const alone = await terminal('trends', 'Ada', '--week', '2014-W51', '--send');
  expect(alone.code, alone.stderr).toBe(0);
  expect(alone.stdout).not.toContain('runcue start');
}, 400_000);
