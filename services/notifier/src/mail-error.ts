/** Stable codes for what can go wrong while delivering mail. */
export type MailErrorCode =
  'MAIL_SEND_FAILED' | 'MAIL_WRITE_FAILED' | 'MAIL_NO_RECIPIENT' | 'MAIL_RENDER_FAILED';

/** A delivery failure; `code` is stable, `message` is for people, `cause` keeps the original. */
export class MailError extends Error {
  constructor(
    readonly code: MailErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}
