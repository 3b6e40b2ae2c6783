/**
 * "A message is never marked sent unless it was delivered the way the running configuration
 * says", on PostgreSQL: while `runcue start` serves the database with its SMTP settings, a
 * `trends --send` or `summary --send` from a second terminal that has no SMTP settings queues the
 * message for the server (which delivers it over SMTP) and never writes it to its own outbox folder.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { corpus, repoRoot } from './ingest-harness.ts';
import { startInbox, type Inbox } from './notify-harness.ts';

const baseUrl = process.env.RUNCUE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `send_beside_${process.pid}_${Date.now().toString(36)}`;
const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
let admin: pg.Client;
let serverHome: string;
let terminalHome: string;
let inbox: Inbox;

function spawnRuncue(args: readonly string[], home: string, smtpUrl: string | null) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RUNCUE_HOME: home,
    RUNCUE_DATABASE_URL: url,
    INIT_CWD: home,
  };
  delete env.RUNCUE_SMTP_URL;
  if (smtpUrl !== null) env.RUNCUE_SMTP_URL = smtpUrl;
  const child = spawn(process.execPath, ['bin/runcue', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise<number | null>((resolve) => child.on('close', resolve)),
  };
  child.stdout.on('data', (b: Buffer) => (r.stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (r.stderr += b.toString()));
  return r;
}

async function terminal(...args: string[]) {
  const r = spawnRuncue(args, terminalHome, null);
  const code = await r.exited;
  return { code, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  serverHome = await mkdtemp(path.join(tmpdir(), 'runcue-server-'));
  terminalHome = await mkdtemp(path.join(tmpdir(), 'runcue-terminal-'));
  inbox = await startInbox();
});
afterAll(async () => {
  await inbox.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  await rm(serverHome, { recursive: true, force: true });
  await rm(terminalHome, { recursive: true, force: true });
});

it('queues a --send from a terminal without SMTP settings for the running server, which delivers it', async () => {
  const add = await terminal(
    'athlete',
    'add',
    '--name',
    'Ada',
    '--email',
    'ada@example.org',
    '--tz',
    'Europe/Berlin',
  );
  expect(add.code, add.stderr).toBe(0);
  // An old run: stored without an email of its own.
  const imported = await terminal('import', 'Ada', corpus('ActivityLog2/920xt-run.fit'));
  expect(imported.code, imported.stderr).toBe(0);

  const server = spawnRuncue(['start', '--no-api'], serverHome, inbox.url);
  try {
    for (let i = 0; !server.stdout.includes('runcue is running'); i++) {
      if (i > 6000) throw new Error(`runcue start did not come up:\n${server.stdout}\n${server.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
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
