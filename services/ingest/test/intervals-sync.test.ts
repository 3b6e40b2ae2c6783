/**
 * intervals.icu as a source, end to end below the CLI: a local server speaking the documented
 * API serves real corpus runs (gzipped as the API gzips them), and the poller ingests them
 * through the same path as every other file, on PGlite and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addIntervalsSource,
  createAthlete,
  getSource,
  getSourceCursor,
  listFiles,
  type Db,
  type Source,
} from '@runcue/store';
import { archiveLimits, createIngestFile } from '@runcue/operations';
import type { Logger } from '@runcue/operations';
import { backends, useTestDb } from '@runcue/store/testing';
import { createIntervalsPoller, type PollReport } from '../src/intervals/intervals-poller.ts';
import {
  startIntervalsServer,
  type IntervalsTestServer,
  type ServedActivity,
  corpusBytes,
} from '@runcue/scripts/fixtures';
import { instantScheduler, manualScheduler } from './test-scheduler.ts';

const KEY = 'syncT3stK3y000000000000';
const ICU_ATHLETE = 'i90210';
const now = () => new Date('2026-11-22T08:00:00Z');
const MAX = 50 * 1024 * 1024;

/** Twelve real running files from twelve watches and apps (Garmin, Suunto, COROS). */
const MORE_RUNS = ['Runalyze/FR920xt-with-Stryd.fit', 'Runalyze/moxy-fr735.fit', 'sports-lib/6914538454.fit'];
const RUNS = [
  'ActivityLog2/310xt-run.fit',
  'ActivityLog2/920xt-run.fit',
  'elevate/20171011_run_2088390344.fit',
  'elevate/bloemendaal.fit',
  'elevate/trosku.fit',
  'gpsbabel/fit-sample.fit',
  'gpsbabel/garmin-forerunner-10.fit',
  'python-fitparse/garmin-fenix-5-run.fit',
  'pytrainer/sample.fit',
  'Runalyze/Standard.fit',
  'sports-lib/2067489619.fit',
  'sportstracker/Garmin_Fenix_6S_Pro-Running.fit',
];

/** Activity n of the served account: one a day, counting back from 2026-11-21. */
function served(n: number, extra: Partial<ServedActivity> = {}): ServedActivity {
  const day = new Date(Date.UTC(2026, 10, 21) - n * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `i${1000 + n}`,
    start_date_local: `${day}T0${n % 10}:15:00`,
    file: corpusBytes(RUNS[n % RUNS.length] ?? ''),
    ...extra,
  };
}

describe.each(backends)('intervals.icu sync on $name', (backend) => {
  const t = useTestDb(backend);
  let server: IntervalsTestServer;
  let athleteId: string;
  let source: Source;
  let logged: string[];
  const logger: Logger = {
    info: (m) => logged.push(m),
    warn: (m) => logged.push(`warn ${m}`),
    error: (m) => logged.push(`error ${m}`),
  };
  const poller = (db: Db, overrides: Partial<Parameters<typeof createIntervalsPoller>[0]> = {}) =>
    createIntervalsPoller({
      db,
      ingestFile: createIngestFile({ db, clock: now, maxBytes: MAX }),
      limits: archiveLimits(MAX),
      logger,
      now,
      scheduler: instantScheduler(),
      random: () => 0.5,
      baseUrl: server.url,
      maxFileBytes: MAX,
      ...overrides,
    });
  const intervalsFiles = async () =>
    (await listFiles(t.db, { athleteId })).filter((f) => f.arrival === 'intervals');
  const only = (reports: PollReport[]): PollReport => {
    expect(reports).toHaveLength(1);
    const [r] = reports;
    if (!r) throw new Error('no report');
    return r;
  };

  beforeEach(async () => {
    server = await startIntervalsServer({
      athleteId: ICU_ATHLETE,
      apiKey: KEY,
      now: () => '2026-11-22T09:00:00',
    });
    logged = [];
    athleteId = (await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now())).id;
    source = await addIntervalsSource(
      t.db,
      { athleteId, intervalsAthleteId: ICU_ATHLETE, apiKey: KEY, since: '2026-08-01' },
      now(),
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('brings each of 12 corpus runs once, downloads nothing twice, and a new run at the next poll', async () => {
    server.activities.push(...RUNS.map((_, n) => served(n)));
    const p = poller(t.db);
    const first = only(await p.pollOnce());
    expect(first).toMatchObject({ ok: true, summary: { listed: 12, downloaded: 12, failed: 0 } });
    if (!first.ok) return;
    expect(first.summary.imported + first.summary.duplicates).toBe(12);
    const files = await intervalsFiles();
    expect(files).toHaveLength(12);
    expect(new Set(files.map((f) => f.originalName)).size).toBe(12);
    expect(files.every((f) => f.originalName.endsWith('.fit.gz') && f.status !== 'failed')).toBe(true);
    expect(files.map((f) => f.origin)).toContain(`${server.url}/api/v1/activity/i1000/file`);

    const second = only(await p.pollOnce());
    expect(second).toMatchObject({ ok: true, summary: { downloaded: 0 } });
    expect(RUNS.every((_, n) => server.downloads(`i${1000 + n}`) === 1)).toBe(true);

    server.activities.push({
      id: 'i999',
      start_date_local: '2026-11-22T07:00:00',
      file: corpusBytes(MORE_RUNS[0] ?? ''),
    });
    const third = only(await p.pollOnce());
    expect(third).toMatchObject({ ok: true, summary: { downloaded: 1, imported: 1 } });
    expect(await intervalsFiles()).toHaveLength(13);
    expect((await getSource(t.db, source.id))?.lastSyncedAt?.toISOString()).toBe(now().toISOString());
    expect(logged.join('\n')).not.toContain(KEY);
  });

  it('resumes after a stop half-way without losing or doubling anything', async () => {
    server.activities.push(...RUNS.map((_, n) => served(n)));
    // The key is revoked after four downloads: the sync stops there, as a crash would.
    let calls = 0;
    const stopAfter4: typeof fetch = (input, init) => {
      if ((input instanceof URL ? input.pathname : '').endsWith('/file') && ++calls > 4) {
        return Promise.resolve(new Response('{"status":401}', { status: 401 }));
      }
      return fetch(input, init);
    };
    const crashed = only(await poller(t.db, { fetch: stopAfter4 }).pollOnce());
    expect(crashed).toMatchObject({ ok: false, code: 'INTERVALS_UNAUTHORIZED' });
    expect((await getSource(t.db, source.id))?.lastError?.code).toBe('INTERVALS_UNAUTHORIZED');
    const before = await intervalsFiles();
    expect(before.length).toBeGreaterThan(0);

    // A "restart": a new poller on the same store; nothing recorded is downloaded again.
    const resumed = only(await poller(t.db).pollOnce());
    expect(resumed).toMatchObject({ ok: true });
    expect(await intervalsFiles()).toHaveLength(12);
    for (const f of before) {
      const id = /intervals-(i\d+)/.exec(f.originalName)?.[1] ?? '';
      expect(server.downloads(id)).toBe(1);
    }
    expect((await getSource(t.db, source.id))?.lastError).toBeNull();
    expect(await getSourceCursor(t.db, source.id)).toMatchObject({ v: 1 });
  });

  it('survives 429s with Retry-After and 5xx answers on both endpoints', async () => {
    server.activities.push(...RUNS.slice(0, 5).map((_, n) => served(n)));
    const scheduler = instantScheduler();
    server.failNext('list', { status: 429, headers: { 'retry-after': '30' } }, { status: 502 });
    server.failNext(
      'file',
      { status: 503 },
      { status: 429, headers: { 'retry-after': new Date(now().getTime() + 12_000).toUTCString() } },
      { status: 500 },
    );
    const r = only(await poller(t.db, { scheduler }).pollOnce());
    expect(r).toMatchObject({ ok: true, summary: { downloaded: 5 } });
    expect(await intervalsFiles()).toHaveLength(5);
    expect(scheduler.delays.filter((d) => d >= 30_000 && d <= 31_000)).toHaveLength(1);
    expect(scheduler.delays.filter((d) => d >= 12_000 && d <= 13_000)).toHaveLength(1);
    expect(scheduler.delays).toHaveLength(5);
    expect(RUNS.slice(0, 5).every((_, n) => server.downloads(`i${1000 + n}`) === 1)).toBe(true);
  });

  it('pages through a full window and walks the backfill window by window, saving the cursor', async () => {
    // 12 runs in September (one window, pages of 5) and 3 in November.
    for (let n = 0; n < 12; n += 1) {
      server.activities.push({
        id: `s${n}`,
        start_date_local: `2026-09-${String(1 + n * 2).padStart(2, '0')}T07:00:00`,
        file: corpusBytes(RUNS[n] ?? ''),
      });
    }
    server.activities.push(...MORE_RUNS.slice(0, 3).map((run, n) => served(n, { file: corpusBytes(run) })));
    const r = only(await poller(t.db, { sync: { pageSize: 5, windowDays: 30 } }).pollOnce());
    expect(r).toMatchObject({ ok: true, summary: { listed: 15, downloaded: 15 } });
    expect(await intervalsFiles()).toHaveLength(15);
    const lists = server.requests.filter((q) => q.route === 'list');
    expect(lists[0]?.query).toMatchObject({
      oldest: '2026-08-01T00:00:00',
      newest: '2026-08-30T23:59:59',
      limit: '5',
    });
    const september = lists.filter((q) => q.query.oldest === '2026-08-31T00:00:00');
    expect(september.length).toBeGreaterThanOrEqual(3);
    expect(lists.at(-1)?.query.newest).toBeUndefined();
    expect(await getSourceCursor(t.db, source.id)).toEqual({ v: 1, through: '2026-11-21T08:00:00' });

    // The next poll lists only from the cursor less the overlap: one request, nothing downloaded.
    const before = server.requests.length;
    only(await poller(t.db).pollOnce());
    const next = server.requests.slice(before);
    expect(next.map((q) => q.route)).toEqual(['list']);
    expect(next[0]?.query.oldest).toBe('2026-11-07T08:00:00');
  });

  it('skips Strava stubs, rides and TCX files without downloading them, and notes a vanished file', async () => {
    server.activities.push(
      served(0),
      served(1, { source: 'STRAVA' }),
      served(2, { type: 'Ride' }),
      served(3, { file_type: 'tcx' }),
      served(4, { type: 'TrailRun' }),
      served(5, { file: undefined }),
    );
    const r = only(await poller(t.db).pollOnce());
    expect(r).toMatchObject({ ok: true, summary: { downloaded: 2, skipped: 4 } });
    expect(server.downloads('i1001') + server.downloads('i1002') + server.downloads('i1003')).toBe(0);
    expect(logged.filter((l) => l.includes('skipped activity'))).toHaveLength(3);
    // Recorded once: the next poll neither logs nor asks for them again.
    logged = [];
    const before = server.requests.length;
    only(await poller(t.db).pollOnce());
    expect(server.requests.slice(before).map((q) => q.route)).toEqual(['list']);
    expect(logged.filter((l) => l.includes('skipped'))).toEqual([]);
  });

  it('recognises a run already stored from the watch folder, by its bytes or its FIT file id', async () => {
    const ingest = createIngestFile({ db: t.db, clock: now, maxBytes: MAX });
    const same = corpusBytes(RUNS[0] ?? '');
    const fromFolder = await ingest({
      athleteId,
      bytes: same,
      name: 'A1.FIT',
      arrival: 'folder',
      fromArchive: false,
      origin: '/media/ada/GARMIN/GARMIN/Activity/A1.FIT',
    });
    expect(fromFolder.status).toBe('imported');
    const other = corpusBytes(RUNS[1] ?? '');
    await ingest({
      athleteId,
      bytes: other,
      name: 'A2.FIT',
      arrival: 'folder',
      fromArchive: false,
      origin: '/media/ada/GARMIN/GARMIN/Activity/A2.FIT',
    });
    // The hub's copy of the second run lost its last bytes (its CRC): same watch recording, other bytes.
    server.activities.push(served(0), served(1, { file: other.subarray(0, other.byteLength - 2) }));
    const r = only(await poller(t.db).pollOnce());
    expect(r).toMatchObject({ ok: true, summary: { downloaded: 2, imported: 0, duplicates: 2 } });
    const files = await listFiles(t.db, { athleteId });
    expect(files.filter((f) => f.status === 'imported')).toHaveLength(2);
    expect(files.filter((f) => f.arrival === 'intervals').map((f) => f.duplicateReason)).toEqual([
      'same-file-id',
    ]);
  });

  it('records a hostile answer on the source, keeps polling, and syncs once the server behaves', async () => {
    server.activities.push(served(0), served(1));
    // One open window, so the broken listing below is the only one of its poll.
    await addIntervalsSource(
      t.db,
      { athleteId, intervalsAthleteId: ICU_ATHLETE, apiKey: KEY, since: '2026-11-10' },
      now(),
    );
    const scheduler = manualScheduler();
    const reports: PollReport[][] = [];
    let onPoll: (() => void) | null = null;
    const p = poller(t.db, {
      scheduler,
      intervalMs: 60_000,
      onPoll: (r) => {
        reports.push([...r]);
        onPoll?.();
      },
    });
    const polled = () => new Promise<void>((resolve) => (onPoll = resolve));
    server.failNext('list', { body: '<html>502 Bad Gateway</html>' });
    let next = polled();
    p.start();
    await next;
    expect(reports[0]?.[0]).toMatchObject({ ok: false, code: 'INTERVALS_BAD_RESPONSE' });
    const stored = (await getSource(t.db, source.id))?.lastError;
    expect(stored?.code).toBe('INTERVALS_BAD_RESPONSE');
    expect(stored?.message).toContain('not JSON');

    // Wrong types in one entry: the other is synced, the bad one reported and retried next time.
    server.failNext('list', {
      body: JSON.stringify([
        { id: 'i1000', start_date_local: served(0).start_date_local, type: 'Run', file_type: 'fit' },
        { id: 'i1001', start_date_local: { when: 'yesterday' } },
      ]),
    });
    let sleep = await scheduler.nextSleep();
    expect(sleep.ms).toBe(60_000);
    next = polled();
    sleep.release();
    await next;
    expect(reports[1]?.[0]).toMatchObject({ ok: false, code: 'INTERVALS_BAD_RESPONSE' });
    expect(await intervalsFiles()).toHaveLength(1);

    sleep = await scheduler.nextSleep();
    next = polled();
    sleep.release();
    await next;
    expect(reports[2]?.[0]).toMatchObject({ ok: true });
    expect(await intervalsFiles()).toHaveLength(2);
    expect((await getSource(t.db, source.id))?.lastError).toBeNull();

    // Stopping while it sleeps returns at once.
    await scheduler.nextSleep();
    await p.stop();
    await p.stop();
  });
});
