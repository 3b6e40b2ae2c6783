/**
 * A watch laid out as a gvfs MTP mount is detected when it appears, its runs are read by polling,
 * and plugging it out and in again reads only what is new.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAthlete, listFiles } from '@runcue/store';
import { archiveLimits, createIngestFile } from '@runcue/operations';
import type { IngestItem, Logger } from '@runcue/operations';
import { corpusPath } from '@runcue/scripts/fixtures';
import { backends, useTestDb, waitFor } from '@runcue/store/testing';
import { createWatchDeviceWatcher, type WatchDeviceWatcher } from '../src/watch-device-watcher.ts';
import type { WatchMount } from '../src/watch-mounts.ts';
import { manualScheduler } from './test-scheduler.ts';
import { GVFS_HOST } from './mtp-layout.ts';

const now = () => new Date('2026-11-22T08:00:00Z');
const MAX = 50 * 1024 * 1024;
const RUNS = [
  'ActivityLog2/310xt-run.fit',
  'python-fitparse/garmin-fenix-5-run.fit',
  'elevate/20171011_run_2088390344.fit',
  'Runalyze/Standard.fit',
];

describe.each(backends)('a watch plugged in over MTP on $name', (backend) => {
  const t = useTestDb(backend);
  let root: string;
  let watcher: WatchDeviceWatcher | null;
  let logged: string[];
  const logger: Logger = {
    info: (m) => logged.push(m),
    warn: (m) => logged.push(`warn ${m}`),
    error: (m) => logged.push(`error ${m}`),
  };
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'runcue-mtp-'));
    logged = [];
    watcher = null;
  });
  afterEach(async () => {
    await watcher?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('reads a gvfs MTP watch when it appears, polls it, and rereads nothing after a replug', async () => {
    const athleteId = (await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now())).id;
    const gvfs = path.join(root, 'run/user/1000/gvfs');
    await mkdir(gvfs, { recursive: true });
    const activity = path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/Activity');
    const scheduler = manualScheduler();
    const results: IngestItem[] = [];
    const scans: WatchMount[][] = [];
    watcher = createWatchDeviceWatcher({
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock: now, maxBytes: MAX }),
      limits: archiveLimits(MAX),
      logger,
      now,
      athleteId,
      search: {
        roots: [{ pattern: path.join(root, 'run/user/*/gvfs'), depth: 2 }],
        readMountTable: () =>
          Promise.resolve(`gvfsd-fuse ${gvfs} fuse.gvfsd-fuse rw,nosuid,nodev,relatime,user_id=1000 0 0\n`),
      },
      scheduler,
      stableMs: 200,
      pollIntervalMs: 100,
      onResult: (r) => results.push(r),
      onScan: (m) => scans.push([...m]),
    });
    watcher.start();
    let sleep = await scheduler.nextSleep();
    expect(scans).toEqual([[]]);

    // Plugged in: gvfs shows the watch with two runs on it.
    await mkdir(activity, { recursive: true });
    await copyFile(corpusPath(RUNS[0] ?? ''), path.join(activity, 'B1KC1234.FIT'));
    await copyFile(corpusPath(RUNS[1] ?? ''), path.join(activity, 'B1KD0815.FIT'));
    sleep.release();
    sleep = await scheduler.nextSleep();
    expect(scans.at(-1)?.map((m) => [m.activityDir, m.poll])).toEqual([[activity, true]]);
    await waitFor(() => results.length === 2, 'the two runs on the watch');
    expect(results.map((r) => r.outcome.status)).toEqual(['imported', 'imported']);

    // A run recorded while it is connected is picked up by polling.
    await copyFile(corpusPath(RUNS[2] ?? ''), path.join(activity, 'B1KE0001.FIT'));
    await waitFor(() => results.length === 3, 'the run written while connected');

    // Unplugged: gvfs removes the mount.
    await rm(path.join(gvfs, GVFS_HOST), { recursive: true, force: true });
    sleep.release();
    sleep = await scheduler.nextSleep();
    expect(scans.at(-1)).toEqual([]);
    expect(logged.some((l) => l.includes('is gone (unplugged)'))).toBe(true);

    // Plugged in again with one new run: only that one is read.
    await mkdir(activity, { recursive: true });
    for (const [i, name] of ['B1KC1234.FIT', 'B1KD0815.FIT', 'B1KE0001.FIT'].entries())
      await copyFile(corpusPath(RUNS[i] ?? ''), path.join(activity, name));
    await copyFile(corpusPath(RUNS[3] ?? ''), path.join(activity, 'B1KF0002.FIT'));
    sleep.release();
    await scheduler.nextSleep();
    await waitFor(() => results.length === 4, 'the new run after the replug');
    expect(results.at(-1)?.name).toBe('B1KF0002.FIT');
    const files = await listFiles(t.db, { athleteId });
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.arrival === 'folder' && f.status === 'imported')).toBe(true);
    await watcher.stop();
    await watcher.stop();
  });
});
