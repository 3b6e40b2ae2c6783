/**
 * Every email's unsubscribe link, end to end: `runcue start` (embedded database, API on a free
 * port) sends a run's summary to a real SMTP server; the test reads `List-Unsubscribe` and the link
 * in the body back, follows them with a real HTTP client, and the runner's post-run emails are off
 * afterwards. A link with a changed signature is refused with 403 and a code.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';
import { runRuncue, spawnRuncue } from './ingest-harness.ts';
import { dropRecentRun } from './notify-harness.ts';

let home: string;
let inbox: SmtpInbox;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-unsubscribe-'));
  inbox = await startSmtpInbox();
});
afterAll(async () => {
  await inbox.close();
  await rm(home, { recursive: true, force: true });
});

it('turns post-run emails off from the link every email carries, and refuses a tampered link', async () => {
  // No public URL from the outer environment: the links point at the API runcue serves.
  const server = spawnRuncue(['start', '--port', '0'], home, {
    RUNCUE_SMTP_URL: inbox.url,
    RUNCUE_PUBLIC_URL: undefined,
  });
  try {
    await server.waitForOutput('watching ');
    const api = /API: (http:\/\/\S+)\/api\/v1/.exec(server.stdout)?.[1] ?? '';
    expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await stat(path.join(home, 'link-secret'))).mode & 0o777).toBe(0o600);

    await dropRecentRun(home);
    const { mail } = await inbox.next(1, 120_000);

    const header = (name: string) =>
      mail.headerLines
        .find((h) => h.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, '');
    const listUnsubscribe = /^<(http:\/\/[^>]+)>$/.exec(header('list-unsubscribe') ?? '')?.[1] ?? '';
    expect(listUnsubscribe).toMatch(new RegExp(`^${api}/unsubscribe/[0-9a-f-]{36}/run-summary/[\\w-]{43}$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const bodyLink = /Turn off post-run emails: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(bodyLink).toBe(listUnsubscribe);
    expect(typeof mail.html === 'string' && mail.html.includes(`href="${listUnsubscribe}"`)).toBe(true);

    // A signature with one character changed, and a link for someone else's kind of email.
    const last = listUnsubscribe.slice(-1);
    const tampered = `${listUnsubscribe.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    for (const [method, url] of [
      ['POST', tampered],
      ['GET', tampered],
      ['POST', listUnsubscribe.replace('/run-summary/', '/weekly-review/')],
    ] as const) {
      const refused = await fetch(url, { method });
      expect(refused.status, `${method} ${url}`).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'UNSUBSCRIBE_LINK_INVALID' } });
    }
    expect((await runRuncue(['athlete', 'list'], home)).stdout).toContain('run emails on');

    // The body link shows a page with one button; GET alone turns nothing off.
    const shown = await fetch(bodyLink ?? '');
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<form method="post">');
    expect((await runRuncue(['athlete', 'list'], home)).stdout).toContain('run emails on');

    // A mail client's one-click unsubscribe (RFC 8058).
    const clicked = await fetch(listUnsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('runcue sends no more post-run emails to me@localhost');
    const list = await runRuncue(['athlete', 'list'], home);
    expect(list.stdout, list.stderr).toContain('run emails off');
  } finally {
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }
}, 240_000);
