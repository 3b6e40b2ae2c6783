/**
 * What tests and scripts that send email share: a real SMTP inbox, and the notifier as a child
 * process to kill at chosen points.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export { startSmtpInbox, type Received, type SmtpInbox } from './smtp-inbox.ts';

export interface NotifierChild {
  readonly child: ChildProcess;
  /** The exit code, or null when it was killed by a signal. */
  readonly exited: Promise<number | null>;
  /** SIGKILLs the child if it still runs, and waits for it to be gone. */
  kill(): Promise<void>;
}

/**
 * Starts `notifier-child.ts`: it drains the outbox of the database at `dbUrl` (a PostgreSQL URL
 * whose sessions land in the test's schema) through `smtpUrl`, and exits 0 when nothing is due.
 * Its stderr is printed when it fails.
 */
export function startNotifierChild(options: {
  dbUrl: string;
  smtpUrl: string;
  clockOffsetMs?: number;
}): NotifierChild {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'notifier-child.ts')],
    {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        RUNCUE_CHILD_DB_URL: options.dbUrl,
        RUNCUE_CHILD_SMTP_URL: options.smtpUrl,
        RUNCUE_CHILD_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(stderr);
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
