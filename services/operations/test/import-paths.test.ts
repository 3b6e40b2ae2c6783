import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAthlete, listFiles } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { archiveLimits } from '../src/import/archive-error.ts';
import { importPaths } from '../src/import/import-paths.ts';
import { createIngestFile } from '../src/import/ingest-file.ts';
import { corpusBytes, corpusPath, writeZip } from '@runcue/scripts/fixtures';

const now = () => new Date('2026-11-22T08:00:00Z');

describe.each(backends)('importPaths on $name', (backend) => {
  const t = useTestDb(backend);
  let dir: string;
  let athleteId: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runcue-import-'));
    athleteId = (await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now())).id;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = (paths: string[], failedLines: string[] = []) =>
    importPaths(paths, {
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock: now, maxBytes: 50 * 1024 * 1024 }),
      athleteId,
      limits: archiveLimits(50 * 1024 * 1024),
      now,
      onItem: (item) => {
        if (item.outcome.status === 'failed')
          failedLines.push(`${path.basename(item.name)} ${item.outcome.error.code}`);
      },
    });

  it('imports files from a zip as archive (never emailed) and loose files as picked by the runner', async () => {
    await writeFile(
      path.join(dir, 'export.zip'),
      writeZip([{ name: 'r/zipped.fit', data: corpusBytes('python-fitparse/garmin-fenix-5-run.fit') }]),
    );
    await copyFile(corpusPath('ActivityLog2/310xt-run.fit'), path.join(dir, 'loose.fit'));
    const inner = createIngestFile({ db: t.db, clock: now, maxBytes: 50 * 1024 * 1024 });
    const seen: string[] = [];
    await importPaths([path.join(dir, 'export.zip'), path.join(dir, 'loose.fit')], {
      db: t.db,
      ingestFile: (file) => {
        seen.push(`${path.basename(file.name)} ${file.fromArchive ? 'archive' : file.arrival}`);
        return inner(file);
      },
      athleteId,
      limits: archiveLimits(50 * 1024 * 1024),
      now,
    });
    expect(seen.sort()).toEqual(['loose.fit cli', 'zipped.fit archive']);
  });

  it('imports a Garmin export with nested zips and a folder, reports failures per file, and a re-run skips what is done', async () => {
    const inner = writeZip([
      { name: 'UploadedFiles/run2.fit', data: corpusBytes('python-fitparse/garmin-fenix-5-run.fit') },
    ]);
    const exportZip = writeZip([
      { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', data: inner, store: true },
      { name: 'DI_CONNECT/DI-Connect-Fitness/summarizedActivities.json', data: Buffer.from('[]') },
      { name: 'DI_CONNECT/broken.fit', data: corpusBytes('elevate/._empty.fit') },
    ]);
    await writeFile(path.join(dir, 'export.zip'), exportZip);
    await mkdir(path.join(dir, 'runs'));
    await copyFile(corpusPath('ActivityLog2/310xt-run.fit'), path.join(dir, 'runs', 'a.fit'));
    await copyFile(corpusPath('ActivityLog2/310xt-run.fit'), path.join(dir, 'runs', 'a-again.fit'));
    await copyFile(corpusPath('elevate/empty.fit'), path.join(dir, 'runs', 'empty.fit'));

    const failed: string[] = [];
    const first = await run([path.join(dir, 'export.zip'), path.join(dir, 'runs')], failed);
    expect(first).toEqual({ imported: 2, duplicates: 1, failed: 2, skipped: 0 });
    expect(failed.map((l) => l.split(' ')[0])).toEqual(['broken.fit', 'empty.fit']);
    expect(failed.every((l) => / FIT_/.test(l))).toBe(true);

    const second = await run([path.join(dir, 'export.zip'), path.join(dir, 'runs')]);
    // Plain files recorded from their path and size are skipped (a.fit, empty.fit). The zip is read
    // again, and so is a-again.fit (a same-bytes twin gets no row of its own): both are recognised
    // by their bytes, and nothing is stored twice.
    expect(second).toEqual({ imported: 0, duplicates: 2, failed: 1, skipped: 2 });
    expect((await listFiles(t.db, { athleteId })).length).toBe(4);
  });

  it('imports every run of a Garmin export whose part zips are larger than the per-file limit', async () => {
    // Regression: a part zip over RUNCUE_MAX_FILE_BYTES was refused whole (800 runs in, 0 stored).
    const names = [
      'ActivityLog2/920xt-run.fit',
      'python-fitparse/garmin-fenix-5-run.fit',
      'ActivityLog2/310xt-run.fit',
      'elevate/20171011_run_2088390344.fit',
    ];
    const runs = names.map((n) => corpusBytes(n));
    const limit = Math.max(...runs.map((b) => b.byteLength)) + 1;
    const part = (from: number) =>
      writeZip(
        runs
          .slice(from, from + 2)
          .map((data, i) => ({ name: `UploadedFiles/r${from + i}.fit`, data, store: true })),
      );
    const [part1, part2] = [part(0), part(2)];
    expect(Math.min(part1.byteLength, part2.byteLength)).toBeGreaterThan(limit);
    await writeFile(
      path.join(dir, 'export.zip'),
      writeZip([
        { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', data: part1, store: true },
        { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_1-_Part2.zip', data: part2 },
      ]),
    );
    const summary = await importPaths([path.join(dir, 'export.zip')], {
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock: now, maxBytes: limit }),
      athleteId,
      limits: archiveLimits(limit),
      now,
    });
    expect(summary).toEqual({ imported: 4, duplicates: 0, failed: 0, skipped: 0 });
    const stored = await listFiles(t.db, { athleteId });
    expect(stored.map((f) => f.sizeBytes).sort()).toEqual(runs.map((b) => b.byteLength).sort());
  });

  it('stores files begun ahead in their order in the zip, one transaction each, twins and failures included', async () => {
    const a = corpusBytes('ActivityLog2/310xt-run.fit');
    await writeFile(
      path.join(dir, 'export.zip'),
      writeZip([
        { name: '1.fit', data: a },
        { name: '2.fit', data: corpusBytes('ActivityLog2/920xt-run.fit') },
        { name: '3.fit', data: a },
        { name: '4.fit', data: corpusBytes('elevate/._empty.fit') },
        { name: '5.fit', data: corpusBytes('python-fitparse/garmin-fenix-5-run.fit') },
        { name: '6.fit', data: corpusBytes('elevate/20171011_run_2088390344.fit') },
      ]),
    );
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 10, 22, 8, 0, tick++));
    const ingestFile = createIngestFile({ db: t.db, clock, maxBytes: 50 * 1024 * 1024, lookahead: 3 });
    expect(ingestFile.lookahead).toBe(3);
    const outcomes: string[] = [];
    await importPaths([path.join(dir, 'export.zip')], {
      db: t.db,
      ingestFile,
      athleteId,
      limits: archiveLimits(50 * 1024 * 1024),
      now: clock,
      onItem: (item) => outcomes.push(`${path.basename(item.name)} ${item.outcome.status}`),
    });
    expect(outcomes).toEqual([
      '1.fit imported',
      '2.fit imported',
      '3.fit duplicate',
      '4.fit failed',
      '5.fit imported',
      '6.fit imported',
    ]);
    const files = await listFiles(t.db, { athleteId });
    const byTime = [...files].sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime());
    expect(byTime.map((f) => path.basename(f.originalName))).toEqual([
      '1.fit',
      '2.fit',
      '4.fit',
      '5.fit',
      '6.fit',
    ]);
  });

  it('quarantines an archive that cannot be opened under its own code and goes on', async () => {
    // One unsafe entry costs only itself: the safe entry beside it is imported.
    await writeFile(
      path.join(dir, 'a-evil.zip'),
      writeZip([
        { name: '../../evil.fit', data: corpusBytes('ActivityLog2/310xt-run.fit') },
        { name: 'safe/run.fit', data: corpusBytes('elevate/20171011_run_2088390344.fit') },
      ]),
    );
    await writeFile(
      path.join(dir, 'b-cut.zip'),
      writeZip([{ name: 'x.fit', data: corpusBytes('ActivityLog2/310xt-run.fit') }]).subarray(0, 500),
    );
    await copyFile(corpusPath('python-fitparse/garmin-fenix-5-run.fit'), path.join(dir, 'c.fit'));
    const cutGz = gzipSync(corpusBytes('ActivityLog2/310xt-run.fit')).subarray(0, 300);
    await writeFile(
      path.join(dir, 'd-outer.zip'),
      writeZip([
        { name: 'in/cut.fit.gz', data: cutGz },
        { name: 'in/junk.zip', data: Buffer.from('PK not really') },
      ]),
    );
    const failed: string[] = [];
    expect(await run([dir], failed)).toEqual({ imported: 2, duplicates: 0, failed: 4, skipped: 0 });
    expect(failed).toEqual([
      'evil.fit ARCHIVE_UNSAFE_PATH',
      'b-cut.zip ARCHIVE_CORRUPT',
      'cut.fit.gz ARCHIVE_CORRUPT',
      'junk.zip ARCHIVE_CORRUPT',
    ]);
    const quarantined = await listFiles(t.db, { athleteId, status: 'failed' });
    expect(quarantined.map((f) => `${f.originalName} ${f.errorCode ?? ''}`).sort()).toEqual([
      'a-evil.zip!/../../evil.fit ARCHIVE_UNSAFE_PATH',
      'b-cut.zip ARCHIVE_CORRUPT',
      'd-outer.zip!/in/cut.fit.gz ARCHIVE_CORRUPT',
      'd-outer.zip!/in/junk.zip ARCHIVE_CORRUPT',
    ]);
  });
});
