/**
 * When to try a request to intervals.icu again. A 429 or a 5xx is retried after a pause: the
 * server's `Retry-After` when it sends one (RFC 9110 §10.2.3: delay-seconds or an HTTP-date),
 * else an exponential backoff with jitter, so a restart of many clients does not hammer the
 * server in step. intervals.icu does not publish its rate limits; these are conservative.
 */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** First backoff step; each further attempt doubles it. */
  readonly baseDelayMs: number;
  /** Longest backoff step. */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` honoured by waiting in place; a longer one ends the sync until then. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 10 * 60_000,
});

/**
 * The wait a `Retry-After` value asks for, in milliseconds, or null when it is absent or neither
 * form RFC 9110 allows. A date in the past means no wait.
 */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The pause before attempt `attempt + 1` (attempt counts from 1): "equal jitter", half of the
 * exponential step plus a random share of the other half, so the pauses grow and never line up.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + clamp01(random()) * (step / 2));
}

/** A server-requested wait plus up to one second of jitter, never less than it asked for. */
export function retryAfterDelayMs(retryAfterMs: number, random: () => number): number {
  return retryAfterMs + Math.round(clamp01(random()) * 1000);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
