import { realScheduler } from '../scheduler.ts';
import { createIntervalsClient } from './intervals-client.ts';
import { defaultRetryPolicy } from './retry-policy.ts';

export interface CheckLoginOptions {
  readonly baseUrl: string;
  readonly athleteId: string;
  readonly apiKey: string;
  readonly now: () => Date;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Tries the athlete id and API key once: a listing of at most one activity from today, the
 * cheapest documented request that needs both. Resolves when intervals.icu accepts them; rejects
 * with the client's `IntervalsError` (`INTERVALS_UNAUTHORIZED` for a wrong key or id) otherwise.
 * Nothing is retried, so `runcue doctor` and `source add-intervals` answer within the timeout.
 */
export async function checkIntervalsLogin(opts: CheckLoginOptions): Promise<void> {
  const client = createIntervalsClient({
    baseUrl: opts.baseUrl,
    athleteId: opts.athleteId,
    apiKey: opts.apiKey,
    scheduler: realScheduler,
    random: Math.random,
    now: opts.now,
    maxFileBytes: 1,
    timeoutMs: opts.timeoutMs ?? 10_000,
    retry: { ...defaultRetryPolicy, maxAttempts: 1 },
    fetch: opts.fetch,
  });
  await client.listActivities({ oldest: opts.now().toISOString().slice(0, 10), limit: 1 });
}
