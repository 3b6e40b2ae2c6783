import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { errorMessage, withTimeout, type Check } from './check.ts';
import { maskSecrets, maskUrl } from '@runcue/errors';

/** How long connecting, the greeting and authentication may each take. */
const SMTP_TIMEOUT_MS = 8000;

/**
 * Connects to the configured SMTP server and authenticates (nodemailer's `verify`), without
 * sending anything. With no server configured, emails are written to `<home>/outbox` and there
 * is nothing to check.
 */
export async function checkSmtp(config: Config): Promise<Check> {
  if (config.smtpUrl === null) {
    return {
      status: 'ok',
      name: 'smtp',
      message: 'no server configured, so nothing is sent',
      hint: 'set RUNCUE_SMTP_URL (smtp://user:password@host:587) to email summaries',
    };
  }
  const shown = maskUrl(config.smtpUrl);
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    await withTimeout(transport.verify(), SMTP_TIMEOUT_MS * 2, shown);
    return { status: 'ok', name: 'smtp', message: `${shown} accepts a connection and the login` };
  } catch (err) {
    return {
      status: 'fail',
      name: 'smtp',
      message: `${shown} does not work: ${maskSecrets(errorMessage(err))}`,
      hint: 'check the host, port, user and password in RUNCUE_SMTP_URL (smtps:// for port 465); until it works, emails wait in the outbox',
    };
  } finally {
    transport.close();
  }
}
