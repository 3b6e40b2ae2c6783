import { gunzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntervalsClient, type IntervalsClientOptions } from '../src/intervals/intervals-client.ts';
import { parseRetryAfter, type RetryPolicy } from '../src/intervals/retry-policy.ts';
import { corpusBytes, startIntervalsServer, type IntervalsTestServer } from '@runcue/scripts/fixtures';
import { instantScheduler } from './test-scheduler.ts';

const KEY = 'k3y0nlyf0rt3st1ng2026x';
const RUN = 'ActivityLog2/310xt-run.fit';
const now = () => new Date('2026-11-22T08:00:00Z');
/** Expects `work` to fail with `code` and a message saying `words`. */
async function expectFailure(work: Promise<unknown>, code: string, words: string): Promise<void> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code });
  expect(err instanceof Error ? err.message : '').toContain(words);
}

const retry: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 600_000,
};

describe('the intervals.icu client against a server speaking the documented API', () => {
  let server: IntervalsTestServer;
  let scheduler: ReturnType<typeof instantScheduler>;
  const client = (overrides: Partial<IntervalsClientOptions> = {}) =>
    createIntervalsClient({
      baseUrl: server.url,
      athleteId: 'i4242',
      apiKey: KEY,
      scheduler,
      random: () => 0.5,
      now,
      maxFileBytes: 50 * 1024 * 1024,
      retry,
      ...overrides,
    });

  beforeEach(async () => {
    server = await startIntervalsServer({
      athleteId: 'i4242',
      apiKey: KEY,
      now: () => '2026-11-22T09:00:00',
    });
    scheduler = instantScheduler();
    server.activities.push(
      { id: 'i1', start_date_local: '2026-11-01T07:00:00', file: corpusBytes(RUN) },
      { id: 'i2', start_date_local: '2026-11-03T18:30:00', file: corpusBytes(RUN) },
      { id: 'i3', start_date_local: '2026-11-05T06:45:10', type: 'Ride', file: corpusBytes(RUN) },
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('lists with Basic API_KEY authentication, the documented parameters and newest first', async () => {
    const listing = await client().listActivities({
      oldest: '2026-11-01T00:00:00',
      newest: '2026-11-04T00:00:00',
      limit: 10,
    });
    expect(listing.invalid).toEqual([]);
    expect(listing.activities.map((a) => a.id)).toEqual(['i2', 'i1']);
    expect(listing.activities[0]).toEqual({
      id: 'i2',
      startDateLocal: '2026-11-03T18:30:00',
      type: 'Run',
      fileType: 'fit',
      source: 'GARMIN_CONNECT',
      name: 'Run i2',
    });
    const [req] = server.requests;
    expect(req?.path).toBe('/api/v1/athlete/i4242/activities');
    expect(req?.query).toEqual({
      oldest: '2026-11-01T00:00:00',
      newest: '2026-11-04T00:00:00',
      limit: '10',
      fields: 'id,start_date_local,type,file_type,source,name',
    });
  });

  it('downloads the original file, gzipped as the API serves it, or decoded from Content-Encoding', async () => {
    const gz = await client().downloadFile('i1');
    expect(Buffer.from(gunzipSync(gz))).toEqual(Buffer.from(corpusBytes(RUN)));
    await server.close();
    server = await startIntervalsServer({ athleteId: 'i4242', apiKey: KEY, transportGzip: true });
    server.activities.push({ id: 'i1', start_date_local: '2026-11-01T07:00:00', file: corpusBytes(RUN) });
    expect(Buffer.from(await client().downloadFile('i1'))).toEqual(Buffer.from(corpusBytes(RUN)));
  });

  it('refuses a wrong key at once (no retry) and never says the key', async () => {
    const err = await client({ apiKey: 'wrong-key-123456' })
      .listActivities({ oldest: '2026-11-01', limit: 5 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERVALS_UNAUTHORIZED', status: 401 });
    expect(String((err as Error).message)).not.toContain('wrong-key-123456');
    expect(server.requests).toHaveLength(1);
    expect(scheduler.delays).toEqual([]);
    await expect(
      client({ athleteId: 'i999' }).listActivities({ oldest: '2026-11-01', limit: 5 }),
    ).rejects.toMatchObject({
      code: 'INTERVALS_UNAUTHORIZED',
      status: 403,
    });
  });

  it('waits what Retry-After asks on a 429, in seconds or as an HTTP date, then goes on', async () => {
    const in9s = new Date(now().getTime() + 9000).toUTCString();
    server.failNext('list', { status: 429, headers: { 'retry-after': '7' } });
    server.failNext('file', { status: 429, headers: { 'retry-after': in9s } });
    const listing = await client().listActivities({ oldest: '2026-11-01', limit: 10 });
    expect(listing.activities).toHaveLength(3);
    await client().downloadFile('i2');
    expect(scheduler.delays).toHaveLength(2);
    expect(scheduler.delays[0]).toBeGreaterThanOrEqual(7000);
    expect(scheduler.delays[0]).toBeLessThanOrEqual(8000);
    expect(scheduler.delays[1]).toBeGreaterThanOrEqual(9000);
    expect(scheduler.delays[1]).toBeLessThanOrEqual(10_000);
  });

  it('backs off 5xx and dropped connections exponentially with jitter, and gives up after the last attempt', async () => {
    server.failNext('list', { status: 503 }, { status: 502 }, { status: 500 });
    await client({ random: () => 1 }).listActivities({ oldest: '2026-11-01', limit: 10 });
    expect(scheduler.delays).toEqual([1000, 2000, 4000]);
    scheduler.delays.length = 0;
    server.failNext('list', { status: 503 }, { status: 503 }, { status: 503 });
    await client({ random: () => 0 }).listActivities({ oldest: '2026-11-01', limit: 10 });
    expect(scheduler.delays).toEqual([500, 1000, 2000]);
    scheduler.delays.length = 0;
    server.failNext('list', ...Array.from({ length: 4 }, () => ({ status: 500 })));
    await expect(client().listActivities({ oldest: '2026-11-01', limit: 10 })).rejects.toMatchObject({
      code: 'INTERVALS_UNAVAILABLE',
      status: 500,
    });
    expect(scheduler.delays).toHaveLength(3);
  });

  it('does not sit out a Retry-After longer than its limit: it ends with the wait the server asked for', async () => {
    server.failNext('list', { status: 429, headers: { 'retry-after': '3600' } });
    await expect(client().listActivities({ oldest: '2026-11-01', limit: 10 })).rejects.toMatchObject({
      code: 'INTERVALS_RATE_LIMITED',
      retryAfterMs: 3_600_000,
    });
    expect(scheduler.delays).toEqual([]);
  });

  it('turns broken, mistyped, huge and silent answers into clear errors', async () => {
    server.failNext('list', { body: '[{"id": "i1", "start_date_local": ' });
    await expectFailure(
      client().listActivities({ oldest: '2026-11-01', limit: 10 }),
      'INTERVALS_BAD_RESPONSE',
      'not JSON',
    );
    server.failNext('list', { body: '{"activities": []}' });
    await expectFailure(
      client().listActivities({ oldest: '2026-11-01', limit: 10 }),
      'INTERVALS_BAD_RESPONSE',
      'expected a list',
    );
    server.failNext('list', {
      body: JSON.stringify([
        { id: 17, start_date_local: '2026-11-01T07:00:00' },
        { id: 'i2', start_date_local: 20261103 },
        { id: '../../etc/passwd', start_date_local: '2026-11-01T07:00:00' },
        null,
        { id: 'i5', start_date_local: '2026-11-05T07:00:00', type: 'Run' },
      ]),
    });
    const mixed = await client().listActivities({ oldest: '2026-11-01', limit: 10 });
    expect(mixed.activities.map((a) => a.id)).toEqual(['i5']);
    expect(mixed.invalid).toHaveLength(4);
    expect(mixed.invalid[0]).toMatch(/^entry 0: id /);
    expect(mixed.invalid[1]).toMatch(/^entry 1: start_date_local /);

    server.failNext('list', { hugeBytes: 64 * 1024 * 1024 });
    await expectFailure(
      client({ maxListBytes: 1024 * 1024 }).listActivities({ oldest: '2026-11-01', limit: 10 }),
      'INTERVALS_BAD_RESPONSE',
      'larger than',
    );

    server.failNext('file', { hugeBytes: 8 * 1024 * 1024 });
    await expect(client({ maxFileBytes: 1024 * 1024 }).downloadFile('i1')).rejects.toMatchObject({
      code: 'INTERVALS_FILE_TOO_LARGE',
    });

    server.failNext('list', { hang: true }, { hang: true });
    await expectFailure(
      client({ timeoutMs: 300, retry: { ...retry, maxAttempts: 2 } }).listActivities({
        oldest: '2026-11-01',
        limit: 10,
      }),
      'INTERVALS_UNAVAILABLE',
      'no answer in time',
    );
  });

  it('answers 404 for a missing file and refuses to follow a redirect to another host with the key', async () => {
    await expect(client().downloadFile('i77')).rejects.toMatchObject({ code: 'INTERVALS_NOT_FOUND' });
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.end('[]');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const port = (elsewhere.address() as AddressInfo).port;
    server.failNext('list', { status: 302, headers: { location: `http://localhost:${port}/steal` } });
    await expectFailure(
      client().listActivities({ oldest: '2026-11-01', limit: 10 }),
      'INTERVALS_HTTP_ERROR',
      'not following',
    );
    expect(seen).toEqual([]);
    await new Promise<void>((r) => elsewhere.close(() => r()));
  });
});

describe('parseRetryAfter (RFC 9110 delay-seconds or HTTP-date)', () => {
  it('reads both forms and rejects anything else', () => {
    expect(parseRetryAfter('120', now())).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now())).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 08:00:30 GMT', now())).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 07:00:00 GMT', now())).toBe(0);
    expect(parseRetryAfter('-5', now())).toBeNull();
    expect(parseRetryAfter('soon', now())).toBeNull();
    expect(parseRetryAfter(null, now())).toBeNull();
  });
});
