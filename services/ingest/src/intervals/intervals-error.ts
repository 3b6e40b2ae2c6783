import { codedErrors, type CodeOf } from '@runcue/errors';

/**
 * Why talking to intervals.icu failed. Each code says what a runner can do about it: fix the key
 * (`INTERVALS_UNAUTHORIZED`), the athlete id (`INTERVALS_NOT_FOUND`), wait
 * (`INTERVALS_RATE_LIMITED`, `INTERVALS_UNAVAILABLE`), or nothing but report it
 * (`INTERVALS_BAD_RESPONSE`: an answer that is not what the published API describes).
 */
export type IntervalsErrorCode = CodeOf<typeof IntervalsError>;

export class IntervalsError extends codedErrors([
  'INTERVALS_UNAUTHORIZED',
  'INTERVALS_NOT_FOUND',
  'INTERVALS_RATE_LIMITED',
  'INTERVALS_UNAVAILABLE',
  'INTERVALS_BAD_RESPONSE',
  'INTERVALS_FILE_TOO_LARGE',
  'INTERVALS_HTTP_ERROR',
]) {
  /** The HTTP status, when the server answered. */
  readonly status: number | null;
  /** For a rate limit longer than the client waits itself: how long the server asked to wait. */
  readonly retryAfterMs: number | null;

  constructor(
    code: IntervalsErrorCode,
    message: string,
    options: { status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export function isIntervalsError(err: unknown): err is IntervalsError {
  return err instanceof IntervalsError;
}
