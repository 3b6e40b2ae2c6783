/**
 * File in a folder → email in an SMTP inbox. `runcue start` runs as a child process with the
 * embedded database and RUNCUE_SMTP_URL pointing at a real SMTP server in this test; a corpus run,
 * moved in time to have just happened, is dropped into the watched folder and the post-run summary must arrive with the figures of the
 * stored analysis, the cues the coach recorded as sent, and charts that decode as PNG and render in
 * headless Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cadenceTarget } from '@runcue/coach';
import { inlineImages } from '@runcue/notifier';
import { startSmtpInbox, type SmtpInbox } from '@runcue/notifier/testing';
import { getAnalysis, listActivities, listAthletes, listOutbox, listSentCues } from '@runcue/store';
import { openHomeDb, spawnRuncue } from './ingest-harness.ts';
import { dropRecentRun, pngSize, screenshotHtml } from './notify-harness.ts';

let home: string;
let inbox: SmtpInbox;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-notify-'));
  inbox = await startSmtpInbox();
});
afterAll(async () => {
  await inbox.close();
  await rm(home, { recursive: true, force: true });
});

it('a run dropped in the watched folder arrives as a post-run summary email that renders with its charts', async () => {
  const server = spawnRuncue(['start', '--no-api'], home, { RUNCUE_SMTP_URL: inbox.url });
  const out = () => `${server.stdout}\n${server.stderr}`;
  try {
    await server.waitForOutput('watching ');
    const landed = Date.now();
    await dropRecentRun(home);
    const { mail, at } = await inbox.next(1, 60_000);
    // A fresh home's athlete joined just now: no weekly review may come first.
    expect(mail.subject).toMatch(/^Your run /);
    console.log(`file landed → email accepted: ${at - landed} ms`);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const { db, close } = await openHomeDb(home);
    try {
      const [athlete] = await listAthletes(db);
      const [activity] = await listActivities(db, athlete?.id ?? '');
      const stored = await getAnalysis(db, activity?.id ?? '');
      const analysis = stored?.analysis;
      if (!athlete || !activity || !analysis || analysis.cadence.medianSpm === null)
        throw new Error(`nothing stored:\n${out()}`);

      // Addressing and identity: to the athlete, with the outbox row's Message-ID, and the row is sent.
      const row = (await listOutbox(db)).find((r) => r.kind === 'run-summary' && r.key === activity.id);
      expect(row?.status).toBe('sent');
      expect(mail.messageId).toBe(row?.messageId);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(athlete.email);

      // Figures match the stored analysis.
      const median = Math.round(analysis.cadence.medianSpm);
      const km = (analysis.summary.distanceM / 1000).toFixed(2);
      expect(mail.subject).toContain(`${km} km`);
      expect(mail.subject).toContain(`cadence ${median} spm`);
      const text = mail.text ?? '';
      expect(text).toContain(`${median} spm`);
      const below = Math.round((analysis.cadence.shareBelowThreshold ?? 0) * 100);
      expect(text).toMatch(new RegExp(`${below}\\s?%`));

      // The cues: the coach's picks were recorded as sent, and this run's low cadence calls for a
      // step towards the next target, which the email names.
      const sent = await listSentCues(db, athlete.id, new Date(0));
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((c) => c.activityId === activity.id)).toBe(true);
      expect(sent.map((c) => c.cueId)).toContain('cadence-low');
      expect(text).toContain(String(cadenceTarget(analysis.cadence.medianSpm, athlete.cadenceThresholdSpm)));

      // Charts: inline PNG attachments referenced from the HTML.
      const pngs = mail.attachments.filter((a) => a.contentType === 'image/png');
      expect(pngs.length).toBeGreaterThanOrEqual(2);
      for (const p of pngs) {
        expect(pngSize(p.content).width).toBeGreaterThan(0);
        expect(mail.html || '').toContain(`cid:${p.cid ?? ''}`);
      }

      // The HTML renders with its images in headless Chromium.
      const html = inlineImages(
        String(mail.html),
        pngs.map((p) => ({ cid: p.cid ?? '', filename: p.filename ?? '', png: p.content, alt: '' })),
      );
      const shot = path.join(tmpdir(), 'runcue-notify-summary.png'); // kept after the test, to look at
      const images = await screenshotHtml(html, shot);
      console.log(`screenshot: ${shot}`);
      expect(images.length).toBe(pngs.length);
      for (const img of images) expect(img.width).toBeGreaterThan(0);
    } finally {
      await close();
    }
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
});
