import { CodedError } from '@runcue/errors';

/** Stable codes for what can go wrong while delivering mail. */
export const mailErrorCodes = [
  'MAIL_SEND_FAILED',
  'MAIL_WRITE_FAILED',
  'MAIL_NO_RECIPIENT',
  'MAIL_RENDER_FAILED',
] as const;

export type MailErrorCode = (typeof mailErrorCodes)[number];

/** A delivery failure; `code` is stable, `message` is for people, `cause` keeps the original. */
export class MailError extends CodedError<MailErrorCode> {}
