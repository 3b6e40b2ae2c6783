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
  /** The link that turns this kind of email off, sent as `List-Unsubscribe` (one-click, RFC 8058). */
  unsubscribeUrl?: string | null;
}

/** Where a message went: accepted by the SMTP server, or written to the folder outbox. */
export type Delivery =
  | { via: 'smtp'; messageId: string; response: string }
  | { via: 'file'; messageId: string; emlPath: string; htmlPath: string };
