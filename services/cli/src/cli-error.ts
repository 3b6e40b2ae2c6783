/**
 * The one place where error codes become exit codes. Commands throw `CliError` (or let a typed
 * error with a `code` through); `main.ts` prints `runcue: <CODE>: <message>` and exits.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit code 2: the input was bad (a file, an argument, the configuration). 1: runcue itself failed. */
export function exitCodeFor(code: string): number {
  if (code === 'INTERNAL') return 1;
  return 2;
}

/** Reads `{ code, message }` from anything thrown, falling back to INTERNAL for untyped errors. */
export function describeError(err: unknown): { code: string; message: string } {
  if (
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    /^[A-Z][A-Z0-9_]+$/.test(err.code)
  ) {
    return { code: err.code, message: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
