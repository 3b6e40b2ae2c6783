import path from 'node:path';
import type { Config } from '../config.ts';
import type { Check } from './check.ts';

/** A URL with its password replaced by `***`, for printing. Unparseable input is hidden entirely. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The effective configuration values that matter when something does not work: where runcue
 * keeps its data, which database and mail server it uses, and where the API listens. Passwords
 * in URLs are masked. The configuration parsed (or the command would not have started), so
 * every line is `ok`.
 */
export function configChecks(config: Config): Check[] {
  const database =
    config.databaseUrl === null
      ? `embedded, in ${path.join(config.home, 'db')}`
      : `PostgreSQL at ${maskUrl(config.databaseUrl)}`;
  const smtp =
    config.smtpUrl === null
      ? `none: emails go to ${path.join(config.home, 'outbox')}`
      : `${maskUrl(config.smtpUrl)}, from ${config.mailFrom}`;
  return [
    { status: 'ok', name: 'config', message: 'the environment parses' },
    { status: 'ok', name: 'config home', message: config.home },
    { status: 'ok', name: 'config database', message: database },
    { status: 'ok', name: 'config smtp', message: smtp },
    { status: 'ok', name: 'config api', message: `listens on ${config.host}:${config.port} (runcue start)` },
  ];
}
