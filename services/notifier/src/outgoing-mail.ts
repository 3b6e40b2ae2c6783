/**
 * One rendered message, ready for a transport. The shape matches what `@runcue/report` renders
 * (`subject`, `text`, `html`, `images`) plus the addressing and the stable Message-ID.
 */
export interface MailImage {
  /** Content-ID the HTML refers to as `cid:<cid>`. */
  cid: string;
  filename: string;
  png: Uint8Array;
  alt: string;
}

export interface OutgoingMail {
  /** Outbox row id: names the files in the folder outbox. */
  id: string;
  /** Full Message-ID header value including the angle brackets, e.g. `<outbox-12@runcue>`. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  images: readonly MailImage[];
}

/** Where a message went: accepted by the SMTP server, or written to the folder outbox. */
export type Delivery =
  | { via: 'smtp'; messageId: string; response: string }
  | { via: 'file'; messageId: string; emlPath: string; htmlPath: string };

/**
 * The Message-ID of an outbox row. Derived from the row alone, so a resend after a crash between
 * the SMTP accept and the outbox update carries the same id and mail clients show it once.
 */
export function messageIdFor(outboxId: string | number, domain = 'runcue'): string {
  const safe = String(outboxId).replace(/[^A-Za-z0-9._-]/g, '-');
  return `<outbox-${safe}@${domain}>`;
}
