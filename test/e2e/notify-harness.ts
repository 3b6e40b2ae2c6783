/**
 * What the notification end-to-end tests share: a recent run to drop into a watched folder, and
 * headless Chromium to open a message's HTML. (The SMTP server is `@runcue/notifier/testing`'s.)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { decodeFit } from '@runcue/fit';
import { corpus } from './ingest-harness.ts';
import { redateFit } from '@runcue/scripts/fixtures';

/**
 * Writes the corpus run ActivityLog2/920xt-run.fit, moved in time to have started two hours ago
 * (only a recent run gets a post-run summary), into the inbox folder of `home`.
 */
export async function dropRecentRun(home: string): Promise<void> {
  await mkdir(path.join(home, 'inbox'), { recursive: true });
  const original = new Uint8Array(await readFile(corpus('ActivityLog2/920xt-run.fit')));
  const shiftS = (Date.now() - 2 * 3_600_000 - Date.parse(decodeFit(original).startTime)) / 1000;
  await writeFile(path.join(home, 'inbox', '920xt-run.fit'), redateFit(original, shiftS));
}

/** Headless Chromium: Debian's /usr/bin/chromium, or the one at RUNCUE_CHROMIUM. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.RUNCUE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens an HTML page in headless Chromium (Debian's /usr/bin/chromium), waits for its images and
 * takes a full-page screenshot; returns each image's natural size.
 */
export async function screenshotHtml(
  html: string,
  pngPath: string,
): Promise<Array<{ alt: string; width: number; height: number }>> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: pngPath, fullPage: true });
    // A string expression: this package is typed without the DOM library.
    return await page.evaluate<Array<{ alt: string; width: number; height: number }>>(
      'Array.from(document.images).map((i) => ({ alt: i.alt, width: i.naturalWidth, height: i.naturalHeight }))',
    );
  } finally {
    await browser.close();
  }
}

/** Width and height from a PNG's IHDR chunk, after checking the signature; throws if it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (
    !b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    b.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
