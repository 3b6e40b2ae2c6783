import path from 'node:path';
import { maskUrl } from '@runcue/errors';
import type { Config } from '../config.ts';
import type { Check } from './check.ts';

/**
 * The effective configuration values that matter when something does not work: where runcue
 * keeps its data, which database and mail server it uses, and where the API listens. Credentials
 * in URLs are masked (`maskUrl`: passwords, a lone user part, secret query parameters). The configuration parsed (or the command would not have started), so
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
