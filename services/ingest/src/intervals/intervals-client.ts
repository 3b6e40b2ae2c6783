/**
 * A small client for the two intervals.icu endpoints runcue reads, written from the published
 * OpenAPI document (https://intervals.icu/api/v1/docs, "Intervals.icu API v1.0.0") and the
 * maintainer's "API access to Intervals.icu" and "Integration Cookbook" forum posts:
 *
 * - Authentication: the `APIKey` security scheme is HTTP Basic, "Username is API_KEY, Password is
 *   your API key found in /settings" (`components.securitySchemes.APIKey`). The `AccessToken`
 *   scheme (Bearer) is for OAuth apps only; a personal key sent as Bearer is refused.
 * - `GET /api/v1/athlete/{id}/activities` (`listActivities`): "List activities for a date range in
 *   desc date order"; `oldest` is required, "Local ISO-8601 date or date and time e.g.
 *   2019-07-22T16:18:49 or 2019-07-22"; `newest` is the same, "defaults to now"; `limit` "Return
 *   at most this many activities"; `fields` "Comma separated list of field names to include in the
 *   returned objects (default is all), also excludes null values". "An empty stub object is
 *   returned for Strava activities" (the `Hidden` schema: id, icu_athlete_id, start_date_local,
 *   source, _note).
 * - `GET /api/v1/activity/{id}/file` (`downloadActivityFile`): "Download original activity file,
 *   Strava activities not supported". The cookbook's example saves it as `activity.fit.gz`: the
 *   original upload, gzipped. Bytes are passed on as they came (gzip, zip or plain) and the ingest
 *   path unpacks them with its usual limits.
 *
 * Every answer is treated as untrusted: bodies are read up to a byte limit, JSON is parsed and
 * checked with zod, and anything else is an `IntervalsError` with a code, never a crash. The API
 * key is only ever put in the Authorization header; no message carries it.
 */
import { z } from 'zod';
import type { Scheduler } from '../scheduler.ts';
import { IntervalsError } from './intervals-error.ts';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  parseRetryAfter,
  retryAfterDelayMs,
  type RetryPolicy,
} from './retry-policy.ts';

/** The fields runcue reads of an activity in a listing (all it asks for with `fields`). */
export interface IntervalsActivity {
  /** The activity's id, e.g. `i55751783`; what `/activity/{id}/file` takes. */
  readonly id: string;
  /** Start in the athlete's local time, `YYYY-MM-DDTHH:MM:SS`, no zone. */
  readonly startDateLocal: string;
  /** The sport as intervals.icu names it ("Ride, Run etc."), when given. */
  readonly type: string | null;
  /** The original file's format (fit, tcx, gpx), when given. */
  readonly fileType: string | null;
  /** Where the activity came from: GARMIN_CONNECT, UPLOAD, STRAVA, COROS, … (the `source` enum). */
  readonly source: string | null;
  readonly name: string | null;
}

/** A listing: the activities that passed validation and, in words, the entries that did not. */
interface ActivityListing {
  readonly activities: readonly IntervalsActivity[];
  readonly invalid: readonly string[];
}

export interface IntervalsClientOptions {
  /** `https://intervals.icu`, or a local server in tests. */
  readonly baseUrl: string;
  /** The intervals.icu athlete id (`i12345`, or `0` for the key's own athlete). */
  readonly athleteId: string;
  readonly apiKey: string;
  readonly scheduler: Scheduler;
  /** A number in [0, 1) for the backoff jitter. */
  readonly random: () => number;
  readonly now: () => Date;
  /** Largest original file accepted (runcue's RUNCUE_MAX_FILE_BYTES). */
  readonly maxFileBytes: number;
  /** Largest activity listing accepted; a listing of 100 activities with six fields is a few KB. */
  readonly maxListBytes?: number;
  /** Per request, until the whole body has arrived. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Stops requests and waits (runcue start shutting down). */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Told about each retry, e.g. to log it. */
  readonly onRetry?: (retry: { what: string; attempt: number; delayMs: number; reason: string }) => void;
}

export interface IntervalsClient {
  /** One page of activities from `oldest` to `newest` (both local, inclusive), newest first. */
  listActivities(query: { oldest: string; newest?: string; limit: number }): Promise<ActivityListing>;
  /** The activity's original file, as stored (usually gzipped). */
  downloadFile(activityId: string): Promise<Uint8Array>;
}

/** What runcue asks the listing for: enough to page, choose and name, nothing else. */
const LIST_FIELDS = ['id', 'start_date_local', 'type', 'file_type', 'source', 'name'];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

/** Ids go into a URL path and a file name: intervals.icu ids are `i` and digits; Strava's digits. */
const activityIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not an activity id');

const activitySchema = z.object({
  id: activityIdSchema,
  start_date_local: z.string().regex(LOCAL_DATE_TIME, 'is not a local ISO-8601 date and time'),
  type: z.string().max(100).nullish(),
  file_type: z.string().max(20).nullish(),
  source: z.string().max(40).nullish(),
  name: z.string().max(1000).nullish(),
});

const MAX_LIST_ENTRIES = 10_000;

/** Creates a client for one athlete's account. */
export function createIntervalsClient(opts: IntervalsClientOptions): IntervalsClient {
  const doFetch = opts.fetch ?? fetch;
  const policy = opts.retry ?? defaultRetryPolicy;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const maxListBytes = opts.maxListBytes ?? 16 * 1024 * 1024;
  const base = new URL(opts.baseUrl);
  const authorization = `Basic ${Buffer.from(`API_KEY:${opts.apiKey}`, 'utf8').toString('base64')}`;

  /** One request with retries; returns the body of a 2xx answer, read up to `maxBytes`. */
  const request = async (
    url: URL,
    what: string,
    maxBytes: number,
    tooLarge: 'INTERVALS_BAD_RESPONSE' | 'INTERVALS_FILE_TOO_LARGE',
  ): Promise<Uint8Array> => {
    for (let attempt = 1; ; attempt += 1) {
      opts.signal?.throwIfAborted();
      let failure: IntervalsError;
      let wait: number | null = null;
      try {
        const res = await fetchFollowingSameOrigin(url, what);
        if (res.ok) return await readBody(res, maxBytes, what, tooLarge);
        await res.body?.cancel().catch(() => undefined);
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'), opts.now());
        failure = statusError(res.status, what, retryAfter);
        if (res.status !== 429 && res.status < 500) throw failure;
        if (retryAfter !== null) {
          if (retryAfter > policy.maxRetryAfterMs) throw failure;
          wait = retryAfterDelayMs(retryAfter, opts.random);
        }
      } catch (err) {
        if (err instanceof IntervalsError && !isRetryable(err, policy)) throw err;
        if (opts.signal?.aborted) throw opts.signal.reason;
        failure =
          err instanceof IntervalsError
            ? err
            : new IntervalsError('INTERVALS_UNAVAILABLE', `${what}: ${networkMessage(err)}`, { cause: err });
      }
      if (attempt >= policy.maxAttempts) throw failure;
      const delayMs = wait ?? backoffDelayMs(attempt, policy, opts.random);
      opts.onRetry?.({ what, attempt, delayMs, reason: failure.message });
      await opts.scheduler.sleep(delayMs, opts.signal);
    }
  };

  /**
   * fetch with the redirect handled here: intervals.icu may redirect within its own site, but the
   * API key is never sent to another host.
   */
  const fetchFollowingSameOrigin = async (url: URL, what: string): Promise<Response> => {
    let current = url;
    for (let hops = 0; hops <= 3; hops += 1) {
      const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
      const res = await doFetch(current, {
        headers: { authorization, accept: 'application/json, */*' },
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
      if (res.status < 300 || res.status >= 400 || res.status === 304) return res;
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      const next = location === null ? null : safeUrl(location, current);
      if (next === null || next.origin !== base.origin) {
        throw new IntervalsError(
          'INTERVALS_HTTP_ERROR',
          `${what}: redirected (HTTP ${res.status}) away from ${base.origin}; not following with your key`,
          { status: res.status },
        );
      }
      current = next;
    }
    throw new IntervalsError('INTERVALS_HTTP_ERROR', `${what}: too many redirects`);
  };

  return {
    async listActivities(query) {
      const url = new URL(`/api/v1/athlete/${encodeURIComponent(opts.athleteId)}/activities`, base);
      url.searchParams.set('oldest', query.oldest);
      if (query.newest !== undefined) url.searchParams.set('newest', query.newest);
      url.searchParams.set('limit', String(query.limit));
      url.searchParams.set('fields', LIST_FIELDS.join(','));
      const what = `listing activities of ${opts.athleteId} from ${query.oldest}`;
      const body = await request(url, what, maxListBytes, 'INTERVALS_BAD_RESPONSE');
      return parseListing(body, what);
    },
    async downloadFile(activityId) {
      const id = activityIdSchema.parse(activityId);
      const url = new URL(`/api/v1/activity/${encodeURIComponent(id)}/file`, base);
      return request(url, `downloading activity ${id}`, opts.maxFileBytes, 'INTERVALS_FILE_TOO_LARGE');
    },
  };
}

function statusError(status: number, what: string, retryAfterMs: number | null): IntervalsError {
  if (status === 401 || status === 403) {
    return new IntervalsError(
      'INTERVALS_UNAUTHORIZED',
      `${what}: intervals.icu refused the athlete id and API key (HTTP ${status}); check both on intervals.icu under Settings, Developer Settings`,
      { status },
    );
  }
  if (status === 404) {
    return new IntervalsError('INTERVALS_NOT_FOUND', `${what}: intervals.icu has no such item (HTTP 404)`, {
      status,
    });
  }
  if (status === 429) {
    const after = retryAfterMs === null ? '' : `, asked to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    return new IntervalsError('INTERVALS_RATE_LIMITED', `${what}: rate limited (HTTP 429${after})`, {
      status,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new IntervalsError('INTERVALS_UNAVAILABLE', `${what}: intervals.icu answered HTTP ${status}`, {
      status,
      retryAfterMs,
    });
  }
  return new IntervalsError('INTERVALS_HTTP_ERROR', `${what}: intervals.icu answered HTTP ${status}`, {
    status,
  });
}

/** 429 and 5xx (and no answer at all) are retried, unless the server asked for a longer wait. */
function isRetryable(err: IntervalsError, policy: RetryPolicy): boolean {
  if (err.code !== 'INTERVALS_UNAVAILABLE' && err.code !== 'INTERVALS_RATE_LIMITED') return false;
  return err.retryAfterMs === null || err.retryAfterMs <= policy.maxRetryAfterMs;
}

/** Reads a body to the end, refusing more than `maxBytes` (checked as it streams, not after). */
async function readBody(
  res: Response,
  maxBytes: number,
  what: string,
  tooLarge: 'INTERVALS_BAD_RESPONSE' | 'INTERVALS_FILE_TOO_LARGE',
): Promise<Uint8Array> {
  const refuse = () =>
    new IntervalsError(tooLarge, `${what}: the answer is larger than the ${maxBytes}-byte limit`, {
      status: res.status,
    });
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw refuse();
  }
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw refuse();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof IntervalsError) throw err;
    throw new IntervalsError('INTERVALS_UNAVAILABLE', `${what}: ${networkMessage(err)}`, { cause: err });
  }
  return Buffer.concat(chunks, total);
}

/** Parses and checks a listing; entries that do not match the documented schema are reported. */
function parseListing(body: Uint8Array, what: string): ActivityListing {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new IntervalsError('INTERVALS_BAD_RESPONSE', `${what}: the answer is not JSON`);
  }
  if (!Array.isArray(json)) {
    throw new IntervalsError(
      'INTERVALS_BAD_RESPONSE',
      `${what}: expected a list of activities, got ${json === null ? 'null' : typeof json}`,
    );
  }
  if (json.length > MAX_LIST_ENTRIES) {
    throw new IntervalsError(
      'INTERVALS_BAD_RESPONSE',
      `${what}: ${json.length} activities in one answer (more than ${MAX_LIST_ENTRIES})`,
    );
  }
  const activities: IntervalsActivity[] = [];
  const invalid: string[] = [];
  json.forEach((entry: unknown, index) => {
    const parsed = activitySchema.safeParse(entry);
    if (parsed.success) {
      const a = parsed.data;
      activities.push({
        id: a.id,
        startDateLocal: a.start_date_local,
        type: a.type ?? null,
        fileType: a.file_type ?? null,
        source: a.source ?? null,
        name: a.name ?? null,
      });
    } else {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'entry';
      invalid.push(`entry ${index}: ${field} ${issue?.message ?? 'is invalid'}`);
    }
  });
  return { activities, invalid };
}

function safeUrl(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

/** A network failure in words, without a stack (and never a header). */
function networkMessage(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err instanceof Error ? err.message : String(err)}${cause}`.replace(/\s+/g, ' ').slice(0, 300);
}
