import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { maskSecrets } from '@runcue/errors';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
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
  close(): void;
}

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
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
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
      close: () => transport.close(),
    };
  }
  const dir = path.join(config.home, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(mail) {
      const info = await transport.sendMail(toMailOptions(config.mailFrom, mail));
      const base = mail.id.replace(/[^A-Za-z0-9._-]/g, '-');
      const emlPath = path.join(dir, `${base}.eml`);
      const htmlPath = path.join(dir, `${base}.html`);
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
