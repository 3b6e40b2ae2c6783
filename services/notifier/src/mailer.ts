import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { maskSecrets } from '@runcue/errors';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
import { createEarlyConnection, type EarlyConnection } from './early-connection.ts';
import { inlineImages } from './inline-images.ts';
import { MailError } from './mail-error.ts';
import type { Delivery, OutgoingMail } from './outgoing-mail.ts';

export interface MailerConfig {
  /** `smtp://` or `smtps://` URL; null writes messages to `<home>/outbox/` instead. */
  readonly smtpUrl: string | null;
  /** runcue's folder; the folder outbox lives in `<home>/outbox/`. */
  readonly home: string;
  readonly mailFrom: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<Delivery>;
  /**
   * Whether a message whose sending was interrupted did arrive, judged by its id and Message-ID;
   * null when the transport cannot tell (SMTP: the server keeps no record a client can ask for).
   */
  wasDelivered(mail: Pick<OutgoingMail, 'id' | 'messageId'>): Promise<boolean | null>;
  /**
   * A message is about to be rendered and sent: over SMTP, start connecting now, so that the
   * connection is set up while the message is rendered, and the next `send` uses it. Resolves
   * once connecting has begun, not when it is done. Nothing for the folder outbox.
   */
  prepare(): Promise<void>;
  close(): void;
}

/**
 * How long the SMTP client waits to connect, for the greeting, and for any one reply: a send
 * that hangs fails within these, so the outbox lease that covers a send can be short.
 */
const SMTP_TIMEOUTS_MS = { connection: 15_000, greeting: 15_000, socket: 45_000 } as const;

/**
 * Builds the mail transport from the configuration: SMTP when `smtpUrl` is set, otherwise a
 * folder outbox that writes each message as `<id>.eml` (the full MIME message) and `<id>.html`
 * (images inlined as data URIs so it opens in a browser) and reports the paths through `onFile`.
 */
export function createMailer(
  config: MailerConfig,
  onFile: (delivery: Delivery) => void = () => undefined,
): Mailer {
  if (config.smtpUrl) {
    // Each message gets a connection of its own, as before; one may have been opened ahead.
    let early: EarlyConnection | null = null;
    const smtp = new SMTPTransport({
      url: config.smtpUrl,
      connectionTimeout: SMTP_TIMEOUTS_MS.connection,
      greetingTimeout: SMTP_TIMEOUTS_MS.greeting,
      socketTimeout: SMTP_TIMEOUTS_MS.socket,
      getSocket: (_options, callback) => callback(null, early?.take() ?? false),
    });
    early = createEarlyConnection(smtp.options);
    const transport = nodemailer.createTransport(smtp);
    return {
      kind: 'smtp',
      wasDelivered: () => Promise.resolve(null),
      prepare() {
        early.open();
        // Node makes the connect call on the next tick, and rendering (database reads and charts)
        // can run as one long chain of promise continuations that holds ticks back until it ends:
        // one turn of the event loop lets the connection begin first.
        return new Promise((resolve) => setImmediate(resolve));
      },
      async send(mail) {
        let info: SMTPTransport.SentMessageInfo;
        try {
          info = await transport.sendMail(toMailOptions(config.mailFrom, mail));
        } catch (err) {
          throw new MailError(
            'MAIL_SEND_FAILED',
            `SMTP delivery of ${mail.messageId} failed: ${maskSecrets(describe(err))}`,
            { cause: err },
          );
        }
        return { via: 'smtp', messageId: mail.messageId, response: info.response };
      },
      close: () => {
        early.close();
        transport.close();
      },
    };
  }
  const dir = path.join(config.home, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const pathsOf = (id: string) => {
    const base = id.replace(/[^A-Za-z0-9._-]/g, '-');
    return { emlPath: path.join(dir, `${base}.eml`), htmlPath: path.join(dir, `${base}.html`) };
  };
  return {
    kind: 'file',
    // The .eml is written whole or not at all (write, then rename): its presence is the delivery.
    wasDelivered: (mail) =>
      access(pathsOf(mail.id).emlPath).then(
        () => true,
        () => false,
      ),
    prepare: () => Promise.resolve(),
    async send(mail) {
      const info = await transport.sendMail(toMailOptions(config.mailFrom, mail));
      const { emlPath, htmlPath } = pathsOf(mail.id);
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeAtomically(emlPath, info.message as Buffer);
        await writeAtomically(htmlPath, inlineImages(mail.html, mail.images));
      } catch (err) {
        throw new MailError('MAIL_WRITE_FAILED', `cannot write ${emlPath}: ${describe(err)}`, { cause: err });
      }
      const delivery: Delivery = { via: 'file', messageId: mail.messageId, emlPath, htmlPath };
      onFile(delivery);
      return delivery;
    },
    close: () => transport.close(),
  };
}

function toMailOptions(from: string, mail: OutgoingMail): Mail.Options {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    ...(mail.unsubscribeUrl
      ? {
          headers: {
            'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
    attachments: mail.images.map((img) => ({
      cid: img.cid,
      filename: img.filename,
      content: Buffer.from(img.png),
      contentType: 'image/png',
      contentDisposition: 'inline' as const,
    })),
  };
}

// Write-then-rename: a crash never leaves a half-written .eml that looks like a message. The
// message holds health data: 0600, whatever the process's umask.
async function writeAtomically(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode: 0o600 });
  await rename(tmp, file);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
