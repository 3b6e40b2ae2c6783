/**
 * Every email's unsubscribe link, end to end: `runcue start` (embedded database, API on a free
 * port) sends a run's summary to a real SMTP server; the test reads `List-Unsubscribe` and the link
 * in the body back, follows them with a real HTTP client, and the runner's post-run emails are off
 * afterwards. A link with a changed signature is refused with 403 and a code.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeFit } from '@runcue/fit';
import { corpus, repoRoot, runRuncue } from './ingest-harness.ts';
import { startInbox, type Inbox } from './notify-harness.ts';
import { redateFit } from './redate-fit.ts';

let home: string;
let inbox: Inbox;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-unsubscribe-'));
  inbox = await startInbox();
});
afterAll(async () => {
  await inbox.close();
  await rm(home, { recursive: true, force: true });
});

it('turns post-run emails off from the link every email carries, and refuses a tampered link', async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RUNCUE_HOME: home,
    INIT_CWD: repoRoot,
    RUNCUE_SMTP_URL: inbox.url,
  };
  delete env.RUNCUE_DATABASE_URL;
  delete env.RUNCUE_PUBLIC_URL;
  const child = spawn(process.execPath, ['bin/runcue', 'start', '--port', '0'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    for (let i = 0; !out.includes('watching '); i++) {
      if (i > 1200) throw new Error(`runcue start did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const api = /API: (http:\/\/\S+)\/api\/v1/.exec(out)?.[1] ?? '';
    expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await stat(path.join(home, 'link-secret'))).mode & 0o777).toBe(0o600);

    await mkdir(path.join(home, 'inbox'), { recursive: true });
    const original = new Uint8Array(await readFile(corpus('ActivityLog2/920xt-run.fit')));
    const shiftS = (Date.now() - 2 * 3_600_000 - Date.parse(decodeFit(original).startTime)) / 1000;
    await writeFile(path.join(home, 'inbox', '920xt-run.fit'), redateFit(original, shiftS));
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
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
}, 240_000);
