/**
 * Every email fits a phone: the post-run summary and the weekly review, as `runcue summary` and
 * `runcue trends` preview them (charts inlined), are laid out in headless Chromium at 390 px (an
 * iPhone's width) and 1200 px, and the page must not scroll sideways at either width.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, runRuncue } from './ingest-harness.ts';
import { launchChromium } from './notify-harness.ts';

let home: string;
const previews: Record<string, string> = {};

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'runcue-layout-'));
  const ok = async (args: string[]) => {
    const r = await runRuncue(args, home);
    expect(r.code, r.stderr).toBe(0);
  };
  await ok(['athlete', 'add', '--name', 'Ada', '--email', 'ada@example.org', '--tz', 'Europe/Berlin']);
  await ok(['import', 'Ada', corpus('ActivityLog2/920xt-run.fit')]);
  previews.summary = path.join(home, 'summary.html');
  previews.weekly = path.join(home, 'weekly.html');
  await ok(['summary', 'latest', '--preview', previews.summary]);
  await ok(['trends', 'Ada', '--week', '2014-W52', '--preview', previews.weekly]);
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** How wide the page lays out at a viewport width, and the widest element's right edge. */
async function layoutWidth(html: string, width: number): Promise<{ scrollWidth: number; widest: string }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    // String expressions: this package is typed without the DOM library.
    return await page.evaluate<{ scrollWidth: number; widest: string }>(`(() => {
      let widest = { right: 0, tag: '' };
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > widest.right) widest = { right: Math.round(r.right), tag: el.tagName + '.' + el.className };
      }
      return { scrollWidth: document.documentElement.scrollWidth, widest: widest.tag + ' ' + widest.right };
    })()`);
  } finally {
    await browser.close();
  }
}

describe('email layout', () => {
  for (const kind of ['summary', 'weekly'] as const)
    for (const width of [390, 1200])
      it(`the ${kind === 'summary' ? 'post-run summary' : 'weekly review'} does not scroll sideways at ${width} px`, async () => {
        const html = await readFile(previews[kind] ?? '', 'utf8');
        const { scrollWidth, widest } = await layoutWidth(html, width);
        expect(scrollWidth, `widest element: ${widest}`).toBeLessThanOrEqual(width);
      });
});
