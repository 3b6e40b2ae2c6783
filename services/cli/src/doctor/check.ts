/** How one `runcue doctor` check came out: `fail` makes the command exit with 2. */
type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of `runcue doctor`: what was checked, how it went, and what to do about it. */
export interface Check {
  readonly status: CheckStatus;
  /** Short name of the thing checked, e.g. `database` or `athlete me`. */
  readonly name: string;
  readonly message: string;
  /** What to do, when there is something to do. */
  readonly hint?: string;
}

/** Formats a check as one line: status, name, message and, after a semicolon, the hint. */
export function formatCheck(check: Check): string {
  const hint = check.hint === undefined ? '' : `; ${check.hint}`;
  return `${check.status.padEnd(4)}  ${check.name}: ${check.message}${hint}`;
}

/** The message of anything thrown, on one line, never a stack trace. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}

/**
 * Settles `work` within `ms`, or rejects with a message saying what timed out. The work is not
 * cancelled; `onLate` gets its result if it arrives after the deadline, to close it.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  onLate: (value: T) => void = () => undefined,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  work.then(
    (value) => {
      if (late) onLate(value);
    },
    () => undefined,
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
