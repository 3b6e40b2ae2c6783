/**
 * The README's first run, as a newcomer types it: their name and email first, `runcue start`,
 * then an old watch file dropped into the inbox. runcue says why that run gets no email and how
 * to get one; `runcue runs` lists it; `runcue summary latest --send` from a second terminal that
 * has none of the server's SMTP settings is queued for the running server, which delivers it to
 * the real SMTP server it is configured with (never to the second terminal's outbox folder).
 */
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';
import { repoRoot, runRuncue, spawnRuncue, type Runcue } from './ingest-harness.ts';

let home: string;
let inbox: SmtpInbox;
let server: Runcue | null = null;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-first-run-'));
  inbox = await startSmtpInbox();
});
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  await inbox.close();
  await rm(home, { recursive: true, force: true });
});

describe('a first run from the README', () => {
  it('explains why an old run gets no email, and sends it on request through the running server', async () => {
    const add = await runRuncue(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org'], home);
    expect(add.code, add.stderr).toBe(0);

    server = spawnRuncue(['start', '--port', '0'], home, { RUNCUE_SMTP_URL: inbox.url });
    await server.waitForOutput('runcue is running');
    expect(server.stdout.split('\n')[0]).toMatch(/^starting runcue: opening the embedded database/);
    await server.waitForOutput(`imported for 'Ada'`);

    await copyFile(
      path.join(repoRoot, 'examples/sample-run.fit'),
      path.join(home, 'inbox', 'sample-run.fit'),
    );
    await server.waitForOutput(/no post-run email: it started 2024-05-04, \d+ days ago/);
    expect(server.stdout).toMatch(/'runcue summary [0-9a-f-]{36} --send' sends it/);

    const runs = await runRuncue(['runs'], home);
    expect(runs.code, runs.stderr).toBe(0);
    expect(runs.stdout).toMatch(/^Sat 4 May 2024, 08:30 +10\.00 km +54:10 +5:25 \/km +164 spm +no email/m);

    // A second terminal without RUNCUE_SMTP_URL: the server, not this process, delivers.
    const send = await runRuncue(['summary', 'latest', '--send'], home);
    expect(send.code, send.stderr).toBe(0);
    expect(send.stdout).toMatch(
      /^queued the summary of run [0-9a-f-]{36}: runcue start \(pid \d+\) sends it/,
    );
    const { mail } = await inbox.next(1, 300_000);
    expect(mail.subject).toMatch(/^Your run Sat 4 May 2024: 10\.00 km/);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('ada@example.org');
    await server.waitForOutput(/sent run-summary/);
    expect(await readdir(home)).not.toContain('outbox'); // nothing written to a folder instead

    const listed = await runRuncue(['runs', '--json'], home);
    expect((JSON.parse(listed.stdout) as Array<{ email: string }>)[0]?.email).toBe('sent');

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.stdout).toMatch(/SIGINT: stopping\nstopped\n$/);
  });
});
