/**
 * What the notification end-to-end tests share: a real SMTP server that parses what it accepts
 * with mailparser, and headless Chromium to open a message's HTML.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  url: string;
  received: Array<{ mail: ParsedMail; at: number }>;
  /** Resolves with the first message accepted after the call's `count` (default: the next one). */
  next(count?: number, timeoutMs?: number): Promise<{ mail: ParsedMail; at: number }>;
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const received: Inbox['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      // keepCidLinks: check the HTML really references its attachments, as mail clients resolve them.
      void simpleParser(stream, { keepCidLinks: true }).then(
        (mail) => {
          received.push({ mail, at: Date.now() });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async next(count = received.length + 1, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`no email arrived within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const got = received[count - 1];
      if (!got) throw new Error('message vanished');
      return got;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Opens an HTML page in headless Chromium (Debian's /usr/bin/chromium), waits for its images and
 * takes a full-page screenshot; returns each image's natural size.
 */
export async function screenshotHtml(
  html: string,
  pngPath: string,
): Promise<Array<{ alt: string; width: number; height: number }>> {
  const browser = await chromium.launch({
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
