import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ANALYSIS_VERSION } from '@runcue/analysis';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  activitiesNeedingAnalysis,
  countFiles,
  findActivityByFitFileId,
  findFileBySha256,
  findSameRun,
  getActivity,
  getAnalysis,
  getFile,
  getFileBytes,
  insertActivity,
  insertFile,
  listActivities,
  listFiles,
  listRunRecords,
  loadSamples,
  saveAnalysis,
  saveSamples,
  setFileOutcome,
  RAW_ENCODINGS,
  type Db,
  type NewFile,
} from '../src/index.ts';
import { encodeSamplesFormat1 } from '../src/samples-format-1.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at, insertDayActivity, makeActivity, makeSamples } from './fixtures.ts';
import { runAnalysis } from '@runcue/analysis/testing';

const fileBytes = (n: number): Uint8Array => Uint8Array.from([n, 2, 3]);
const sha256Of = (n: number): string => createHash('sha256').update(fileBytes(n)).digest('hex');

function newFile(athleteId: string, n: number, overrides: Partial<NewFile> = {}): NewFile {
  return {
    athleteId,
    sha256: sha256Of(n),
    sizeBytes: 3,
    originalName: `run-${n}.fit`,
    arrival: 'folder',
    fromArchive: false,
    origin: `/sync/run-${n}.fit`,
    bytes: fileBytes(n),
    status: 'imported',
    receivedAt: at(n),
    ...overrides,
  };
}

/** A runner's file and the activity read from it, to store samples for. */
async function storedActivity(db: Db): Promise<{ file: string; id: string }> {
  const ada = await addRunner(db);
  const file = (await insertFile(db, newFile(ada.id, 1))) ?? '';
  const activity = {
    athleteId: ada.id,
    fileId: file,
    activity: makeActivity(),
    distanceM: 1,
    movingTimeS: 1,
  };
  const id = (await insertActivity(db, { ...activity, shoeId: null, createdAt: T0 })) ?? '';
  return { file, id };
}

describe.each(backends)('files, activities, samples and analyses on $name', (backend) => {
  const t = useTestDb(backend);
  beforeEach(async () => {});

  it('keeps a file once per athlete and sha256, with its bytes', async () => {
    const ada = await addRunner(t.db);
    const id = await insertFile(t.db, newFile(ada.id, 1));
    expect(id).not.toBeNull();
    expect(await insertFile(t.db, newFile(ada.id, 1, { originalName: 'again.fit' }))).toBeNull();
    const file = await findFileBySha256(t.db, ada.id, sha256Of(1));
    expect(file).toMatchObject({
      id,
      originalName: 'run-1.fit',
      status: 'imported',
      activityId: null,
      arrival: 'folder',
      fromArchive: false,
    });
    expect([...((await getFileBytes(t.db, id ?? '')) ?? [])]).toEqual([1, 2, 3]);
    expect(await getFile(t.db, 'nope')).toBeNull();
  });

  it('records a quarantined file with its error and lists it by status', async () => {
    const ada = await addRunner(t.db);
    const bad = await insertFile(
      t.db,
      newFile(ada.id, 2, { status: 'failed', error: { code: 'FIT_TRUNCATED', message: 'cut short' } }),
    );
    await insertFile(t.db, newFile(ada.id, 3));
    const failed = await listFiles(t.db, { status: 'failed' });
    expect(failed.map((f) => [f.id, f.errorCode, f.errorMessage])).toEqual([
      [bad, 'FIT_TRUNCATED', 'cut short'],
    ]);
    expect(await countFiles(t.db, ada.id)).toEqual({ imported: 1, duplicate: 0, failed: 1 });
    await expect(insertFile(t.db, newFile(ada.id, 4, { status: 'failed' }))).rejects.toThrow();
  });

  it('stores an activity, refuses a second with the same FIT file_id, and finds the same run', async () => {
    const ada = await addRunner(t.db);
    const fileA = (await insertFile(t.db, newFile(ada.id, 1))) ?? '';
    const fileB = (await insertFile(t.db, newFile(ada.id, 2))) ?? '';
    const activity = makeActivity();
    const id = await insertActivity(t.db, {
      athleteId: ada.id,
      fileId: fileA,
      activity,
      distanceM: 10_000,
      movingTimeS: 3000,
      shoeId: null,
      createdAt: T0,
    });
    expect(id).not.toBeNull();
    expect(
      await insertActivity(t.db, {
        athleteId: ada.id,
        fileId: fileB,
        activity,
        distanceM: 10_000,
        movingTimeS: 3000,
        shoeId: null,
        createdAt: T0,
      }),
    ).toBeNull();
    expect(await findActivityByFitFileId(t.db, ada.id, 3_912_345_678, '2026-11-16T07:00:00Z')).toBe(id);
    expect(await findActivityByFitFileId(t.db, ada.id, 3_912_345_678, '2026-11-16T07:00:01Z')).toBeNull();
    expect(await findActivityByFitFileId(t.db, ada.id, null, null)).toBeNull();

    const stored = await getActivity(t.db, id ?? '');
    expect(stored).toMatchObject({
      athleteId: ada.id,
      fileId: fileA,
      sport: 'running',
      subSport: 'generic',
      localOffsetS: 3600,
      fitSerialNumber: 3_912_345_678,
      integrity: 'ok',
      distanceM: 10_000,
      movingTimeS: 3000,
      shoeId: null,
      deviceProduct: 'fr945',
    });
    expect(stored?.startTime.toISOString()).toBe('2026-11-16T07:00:00.000Z');
    expect(stored?.metadata.sensors).toEqual(activity.sensors);
    expect((await findFileBySha256(t.db, ada.id, sha256Of(1)))?.activityId).toBe(id);

    expect(await findSameRun(t.db, ada.id, '2026-11-16T07:00:59Z', 10_150)).toBe(id);
    expect(await findSameRun(t.db, ada.id, '2026-11-16T06:59:01Z', 9_850)).toBe(id);
    expect(await findSameRun(t.db, ada.id, '2026-11-16T07:01:01Z', 10_000)).toBeNull();
    expect(await findSameRun(t.db, ada.id, '2026-11-16T07:00:10Z', 10_300)).toBeNull();
    expect(await findSameRun(t.db, ada.id, '2026-11-16T07:00:10Z', null)).toBeNull();

    await setFileOutcome(t.db, fileB, { status: 'duplicate', of: id ?? '', reason: 'same-file-id' });
    expect(await getFile(t.db, fileB)).toMatchObject({
      status: 'duplicate',
      duplicateOf: id,
      duplicateReason: 'same-file-id',
    });
    expect((await listActivities(t.db, ada.id)).map((a) => a.id)).toEqual([id]);
    expect(await listActivities(t.db, ada.id, { since: at(1) })).toEqual([]);
  });

  it('round-trips samples through the table', async () => {
    const { file, id } = await storedActivity(t.db);
    const samples = makeSamples(1800);
    await saveSamples(t.db, id, samples);
    const back = await loadSamples(t.db, id);
    expect(back?.length).toBe(1800);
    expect(Array.from(back?.distance ?? [])).toEqual(Array.from(samples.distance));
    expect(Array.from(back?.cadence ?? [])).toEqual(Array.from(samples.cadence));
    expect(await loadSamples(t.db, file)).toBeNull();
  });

  it('reads rows written before the compact formats: raw bytes as they are, samples in format 1', async () => {
    const { file, id } = await storedActivity(t.db);
    const samples = makeSamples(600);
    // What the previous version wrote: the file's own bytes, and deflated Float32/Float64 channels.
    await t.db.query('UPDATE files SET bytes = $2, bytes_encoding = 0 WHERE id = $1', [file, fileBytes(1)]);
    await t.db.query(
      'INSERT INTO samples (activity_id, format_version, sample_count, channels) VALUES ($1, 1, 600, $2)',
      [id, encodeSamplesFormat1(samples)],
    );
    expect([...((await getFileBytes(t.db, file)) ?? [])]).toEqual([1, 2, 3]);
    const back = await loadSamples(t.db, id);
    expect(Array.from(back?.distance ?? [])).toEqual(Array.from(samples.distance));
    expect(Array.from(back?.speed ?? [])).toEqual(Array.from(samples.speed, (v) => Math.fround(v)));
  });

  it('keeps a FIT file compressed and gives back exactly its bytes, or an error when the row is damaged', async () => {
    const ada = await addRunner(t.db);
    const fit = readFileSync(new URL('../../../test/fixtures/hilly-steady.fit', import.meta.url));
    const sha256 = createHash('sha256').update(fit).digest('hex');
    const file =
      (await insertFile(t.db, { ...newFile(ada.id, 1), sha256, sizeBytes: fit.length, bytes: fit })) ?? '';
    const { rows } = await t.db.query<{ stored: number; encoding: number }>(
      'SELECT octet_length(bytes) AS stored, bytes_encoding AS encoding FROM files WHERE id = $1',
      [file],
    );
    expect(rows[0]?.encoding).toBe(RAW_ENCODINGS.fitColumns);
    expect(rows[0]?.stored).toBeLessThan(fit.length / 4);
    expect(Buffer.from((await getFileBytes(t.db, file)) ?? []).equals(fit)).toBe(true);
    await t.db.query('UPDATE files SET bytes_encoding = $2 WHERE id = $1', [file, RAW_ENCODINGS.asIs]);
    await expect(getFileBytes(t.db, file)).rejects.toMatchObject({ code: 'RAW_FILE_CORRUPT' });
  });

  it('keeps analyses per version and lists runs that need a new version', async () => {
    const ada = await addRunner(t.db);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const file = (await insertFile(t.db, newFile(ada.id, n))) ?? '';
      const id = await insertDayActivity(t.db, ada.id, file, n);
      await saveSamples(t.db, id, makeSamples(10));
      ids.push(id);
    }
    const [first, second, third] = ids as [string, string, string];
    // Decayed from 8 km of 10 on: the run record gives the onset as 80% of the distance.
    const decayed = (medianSpm: number) =>
      runAnalysis({
        medianSpm,
        decay: { onsetDistanceM: 8000, cadencePercent: -3 },
        summary: { runningTimeS: 2950 },
      });
    await saveAnalysis(t.db, first, decayed(160), at(1));
    await saveAnalysis(t.db, first, decayed(161), at(2));
    await saveAnalysis(t.db, second, runAnalysis({ isRun: false }), at(2));
    expect(await activitiesNeedingAnalysis(t.db, ANALYSIS_VERSION)).toEqual([third]);
    expect(await activitiesNeedingAnalysis(t.db, ANALYSIS_VERSION + 1)).toEqual([first, second, third]);
    const stored = await getAnalysis(t.db, first);
    expect(stored?.analysis.cadence.medianSpm).toBe(161);
    expect(stored?.computedAt.toISOString()).toBe(at(2).toISOString());
    expect(await getAnalysis(t.db, first, ANALYSIS_VERSION + 1)).toBeNull();

    const records = await listRunRecords(t.db, ada.id, T0, at(10 * 24 * 60));
    expect(records.map((r) => r.activityId)).toEqual([first]);
    expect(records[0]).toMatchObject({
      distanceM: 10_000,
      runningTimeS: 2950,
      localOffsetS: 3600,
      shoeId: null,
      analysis: { cadenceMedianSpm: 161, formDecayDetected: true, decayOnsetPercent: 80 },
    });
  });

  it('lists the distance and time of the newest analysis (regression: a triathlon listed at its whole 227 km)', async () => {
    const ada = await addRunner(t.db);
    const file = (await insertFile(t.db, newFile(ada.id, 7))) ?? '';
    const id =
      (await insertActivity(t.db, {
        athleteId: ada.id,
        fileId: file,
        activity: makeActivity({ startTime: at(60).toISOString() }),
        // What a device's session total says: the swim, the ride and the run together.
        distanceM: 227_000,
        movingTimeS: 36_000,
        shoeId: null,
        createdAt: T0,
      })) ?? '';
    await saveAnalysis(t.db, id, runAnalysis({ distanceM: 42_560 }), at(61));
    const listed = (await listActivities(t.db, ada.id)).find((a) => a.id === id);
    expect(listed?.distanceM).toBeCloseTo(42_560, 6);
    expect(listed?.movingTimeS).toBe(3000);
    // An older version saved later does not overwrite what the newest one says.
    await saveAnalysis(
      t.db,
      id,
      { ...runAnalysis({ distanceM: 99_999 }), version: (ANALYSIS_VERSION - 1) as typeof ANALYSIS_VERSION },
      at(62),
    );
    expect((await getActivity(t.db, id))?.distanceM).toBeCloseTo(42_560, 6);
  });
});
