import { codedErrors, type CodeOf } from '@runcue/errors';

/** Stable codes for what can go wrong while delivering mail. */
export type MailErrorCode = CodeOf<typeof MailError>;

/** A delivery failure; `code` is stable, `message` is for people, `cause` keeps the original. */
export class MailError extends codedErrors([
  'MAIL_SEND_FAILED',
  'MAIL_WRITE_FAILED',
  'MAIL_NO_RECIPIENT',
  'MAIL_RENDER_FAILED',
]) {}
