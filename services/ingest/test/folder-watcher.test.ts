import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAthlete, listFiles } from '@runcue/store';
import { archiveLimits, createIngestFile } from '@runcue/operations';
import type { IngestItem, Logger } from '@runcue/operations';
import { backends, useTestDb } from '@runcue/store/testing';
import { createFolderWatcher } from '../src/folder-watcher.ts';
import type { FolderWatcher } from '../src/folder-watcher.ts';
import { corpusBytes, corpusPath, writeZip } from '@runcue/scripts/fixtures';

const now = () => new Date('2026-11-22T08:00:00Z');
const RUN = 'ActivityLog2/310xt-run.fit';
const RUN2 = 'python-fitparse/garmin-fenix-5-run.fit';
const RUN3 = 'elevate/20171011_run_2088390344.fit';
const BROKEN = 'elevate/._empty.fit';

describe.each(backends)('folder watcher on $name', (backend) => {
  const t = useTestDb(backend);
  let dir: string;
  let athleteId: string;
  let results: Array<IngestItem & { path: string }>;
  /** Every version of a file the watcher saw (`onSeen`), in order. */
  let seen: Array<{ path: string; sizeBytes: number }>;
  /** Emits 'report' on each result and each version seen: what `until` looks again on. */
  const reports = new EventEmitter();
  /** Resolves once `check` holds, looking again each time the watcher reports something. */
  const until = (check: () => boolean, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const look = () => {
        if (!check()) return;
        clearTimeout(timer);
        reports.off('report', look);
        resolve();
      };
      // A guard against a watcher that never reports, not a wait: the check is met by an event.
      const timer = setTimeout(() => {
        reports.off('report', look);
        reject(new Error(`timed out waiting for ${what}`));
      }, 60_000);
      reports.on('report', look);
      look();
    });
  const onResult = (r: IngestItem & { path: string }) => {
    results.push(r);
    reports.emit('report');
  };
  const onSeen = (change: { path: string; sizeBytes: number }) => {
    seen.push(change);
    reports.emit('report');
  };
  let logged: string[];
  let watcher: FolderWatcher | null;
  const logger: Logger = {
    info: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    error: (m) => logged.push(`error ${m}`),
  };

  /** Watches `folder` (the test's own by default) and resolves once the watcher is ready. */
  const start = async (stableMs = 300, folder = dir) => {
    const w = createFolderWatcher({
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock: now, maxBytes: 50 * 1024 * 1024 }),
      folders: [{ path: folder, athleteId }],
      limits: archiveLimits(50 * 1024 * 1024),
      logger,
      now,
      stableMs,
      missingPollMs: 200,
      onResult,
      onSeen,
    });
    watcher = w;
    await w.ready;
    return w;
  };
  const statuses = () =>
    results
      .map(
        (r) =>
          `${path.basename(r.name)}:${r.outcome.status === 'failed' ? r.outcome.error.code : r.outcome.status}`,
      )
      .sort();

  /**
   * Waits until the watcher has read everything that changed before now: a marker file (gzipped,
   * so it waits out the same stability period as any unfinished file) is read after anything
   * already pending. Its result is taken out again, so the test sees only its own files.
   */
  let markers = 0;
  const settled = async () => {
    const name = `zz-marker-${++markers}.fit.gz`;
    await writeFile(path.join(dir, name), gzipSync(corpusBytes(RUN3)));
    await until(() => results.some((r) => path.basename(r.name) === name), name);
    results = results.filter((r) => path.basename(r.name) !== name);
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-watch-'));
    athleteId = (await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now())).id;
    results = [];
    seen = [];
    logged = [];
    watcher = null;
  });
  afterEach(async () => {
    await watcher?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('picks up files present at start-up, in a USB watch layout, and ignores sync temp files', async () => {
    await mkdir(path.join(dir, 'GARMIN', 'Activity'), { recursive: true });
    await mkdir(path.join(dir, '.stfolder'), { recursive: true });
    await copyFile(corpusPath(RUN), path.join(dir, 'GARMIN', 'Activity', 'A1.FIT'));
    await writeFile(path.join(dir, 'healthfit.fit.gz'), gzipSync(corpusBytes(RUN2)));
    await copyFile(corpusPath(RUN3), path.join(dir, '.syncthing.run.fit.tmp'));
    await copyFile(corpusPath(RUN3), path.join(dir, '~syncthing~run.fit'));
    await copyFile(corpusPath(RUN3), path.join(dir, 'run.fit.partial'));
    await copyFile(corpusPath(RUN3), path.join(dir, '.stfolder', 'hidden.fit'));
    await writeFile(path.join(dir, 'notes.txt'), 'not a run');
    const w = await start();
    await until(() => results.length >= 2, 'two files');
    await w.idle();
    expect(statuses()).toEqual(['A1.FIT:imported', 'healthfit.fit.gz:imported']);
  });

  it('waits for a file written slowly in chunks, then reads it once, complete', async () => {
    await start(1000);
    const bytes = corpusBytes(RUN2);
    const file = path.join(dir, 'slow.fit');
    const handle = await open(file, 'w');
    const chunk = Math.ceil(bytes.length / 5);
    // Each chunk is written once the watcher has seen the one before: it sees every part-written
    // version, and reads none of them.
    for (let end = chunk; end < bytes.length + chunk; end += chunk) {
      await handle.write(bytes.subarray(end - chunk, end));
      await handle.sync();
      const size = Math.min(end, bytes.length);
      await until(
        () => seen.some((c) => path.basename(c.path) === 'slow.fit' && c.sizeBytes === size),
        `slow.fit seen at ${size} bytes`,
      );
      if (size < bytes.length) expect(results).toEqual([]);
    }
    await handle.close();
    await until(() => results.length >= 1, 'the slow file');
    // Read once: nothing more comes of it by the time a file written after it has been read.
    await settled();
    expect(statuses()).toEqual(['slow.fit:imported']);
  });

  it('reads a finished FIT file at once, while an unfinalised one waits out the stability period', async () => {
    // A stability period no test outlives: only a file known to be finished can be read in time.
    await start(600_000);
    const unfinalised = corpusBytes(RUN2).slice(0, -2);
    unfinalised.set([0, 0, 0, 0], 4);
    await writeFile(path.join(dir, 'still-writing.fit'), unfinalised);
    await copyFile(corpusPath(RUN), path.join(dir, 'finished.fit'));
    await until(() => results.length >= 1, 'the finished file');
    expect(statuses()).toEqual(['finished.fit:imported']);
  });

  it('reads a file that was never finalised once it stops changing', async () => {
    await start();
    const unfinalised = corpusBytes(RUN2).slice(0, -2);
    unfinalised.set([0, 0, 0, 0], 4);
    await writeFile(path.join(dir, 'never-closed.fit'), unfinalised);
    await until(() => results.length >= 1, 'the unfinalised file');
    expect(statuses()).toEqual(['never-closed.fit:imported']);
  });

  it('records duplicates, opens zips, quarantines broken files and keeps going; originals untouched', async () => {
    await start();
    await copyFile(corpusPath(RUN), path.join(dir, 'a.fit'));
    await until(() => results.length >= 1, 'a.fit');
    await copyFile(corpusPath(RUN), path.join(dir, 'a-copy.fit'));
    await copyFile(corpusPath(BROKEN), path.join(dir, 'broken.fit'));
    await writeFile(
      path.join(dir, 'export.zip'),
      writeZip([{ name: 'x/run3.fit', data: corpusBytes(RUN3) }]),
    );
    await writeFile(
      path.join(dir, 'bad.zip'),
      writeZip([{ name: '../../escape.fit', data: corpusBytes(RUN3) }]),
    );
    await copyFile(corpusPath(RUN2), path.join(dir, 'after.fit'));
    await until(() => results.length >= 6, 'six results');
    const s = statuses();
    expect(s).toContain('a.fit:imported');
    expect(s).toContain('a-copy.fit:duplicate');
    expect(s.find((x) => x.startsWith('broken.fit:'))).toMatch(/^broken\.fit:FIT_/);
    expect(s).toContain('run3.fit:imported');
    expect(s).toContain('escape.fit:ARCHIVE_UNSAFE_PATH'); // the entry, not the whole zip
    expect(s).toContain('after.fit:imported');
    const failed = await listFiles(t.db, { athleteId, status: 'failed' });
    // The unsafe entry holds run3's bytes, already stored: nothing more to keep in quarantine.
    expect(failed.map((f) => f.originalName).sort()).toEqual(['broken.fit']);
    expect((await readdir(dir)).sort()).toEqual([
      'a-copy.fit',
      'a.fit',
      'after.fit',
      'bad.zip',
      'broken.fit',
      'export.zip',
    ]);
    expect(sha(await readFile(path.join(dir, 'a.fit')))).toBe(sha(corpusBytes(RUN)));
    expect(logged.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('starts watching a folder that appears later, like a watch plugged in over USB', async () => {
    const usb = path.join(dir, 'media', 'GARMIN');
    await start(300, usb);
    expect(logged.some((l) => l.includes('is not there (yet)'))).toBe(true);
    await mkdir(path.join(usb, 'Activity'), { recursive: true });
    await copyFile(corpusPath(RUN), path.join(usb, 'Activity', 'B1.FIT'));
    await until(() => results.length >= 1, 'the file on the plugged-in watch');
    expect(statuses()).toEqual(['B1.FIT:imported']);
  });

  it('skips files already recorded by path and size on restart; stop is idempotent', async () => {
    await copyFile(corpusPath(RUN), path.join(dir, 'a.fit'));
    await copyFile(corpusPath(BROKEN), path.join(dir, 'broken.fit'));
    const first = await start();
    await until(() => results.length >= 2, 'first scan');
    await first.stop();
    await first.stop();
    results = [];
    await copyFile(corpusPath(RUN2), path.join(dir, 'new.fit'));
    const second = await start();
    await until(() => results.length >= 1, 'second scan');
    await second.idle();
    await settled();
    expect(statuses()).toEqual(['new.fit:imported']);
    const stored = (await listFiles(t.db, { athleteId })).filter(
      (f) => !f.originalName.includes('zz-marker'),
    );
    expect(stored.length).toBe(3);
  });
});

function sha(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}
