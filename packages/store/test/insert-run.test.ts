import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addShoe,
  findRunMatches,
  getActivity,
  getAnalysis,
  getFile,
  getFileBytes,
  insertFile,
  insertRun,
  loadSamples,
  type NewRun,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { runAnalysis } from '@runcue/analysis/testing';
import { T0, addRunner, makeActivity } from './fixtures.ts';

const bytesOf = (n: number): Uint8Array => Uint8Array.from([n, 7, 7, 7]);
const sha256Of = (n: number): string => createHash('sha256').update(bytesOf(n)).digest('hex');

function newRun(athleteId: string, n: number, overrides: Partial<NewRun> = {}): NewRun {
  return {
    file: {
      athleteId,
      sha256: sha256Of(n),
      sizeBytes: 4,
      originalName: `run-${n}.fit`,
      arrival: 'cli',
      fromArchive: true,
      origin: null,
      bytes: bytesOf(n),
      receivedAt: T0,
    },
    activity: makeActivity(),
    distanceM: 10_000,
    movingTimeS: 3000,
    withDefaultShoe: true,
    samples: makeActivity().samples,
    analysis: runAnalysis({ distanceM: 10_000 }),
    createdAt: T0,
    ...overrides,
  };
}

describe.each(backends)('a new run in one statement on $name', (backend) => {
  const t = useTestDb(backend);

  it('stores the file, activity, samples and analysis, as the one-query-each functions read them', async () => {
    const ada = await addRunner(t.db);
    const run = newRun(ada.id, 1);
    const { stored, matches } = await insertRun(t.db, run);
    if (!stored) throw new Error('not stored');
    expect(matches).toEqual({ file: null, sameFileId: null, sameRun: null, defaultShoeId: null });
    expect(await getFile(t.db, stored.fileId)).toMatchObject({
      status: 'imported',
      activityId: stored.activityId,
      originalName: 'run-1.fit',
      fromArchive: true,
      sha256: sha256Of(1),
    });
    expect([...((await getFileBytes(t.db, stored.fileId)) ?? [])]).toEqual([1, 7, 7, 7]);
    expect(await getActivity(t.db, stored.activityId)).toMatchObject({
      fileId: stored.fileId,
      sport: 'running',
      distanceM: 10_000,
      fitSerialNumber: 3_912_345_678,
      localOffsetS: 3600,
    });
    const samples = await loadSamples(t.db, stored.activityId);
    expect(samples?.length).toBe(60);
    expect(samples?.distance).toEqual(makeActivity().samples.distance);
    expect((await getAnalysis(t.db, stored.activityId))?.analysis).toEqual(run.analysis);
  });

  it('writes nothing for bytes, a FIT file_id or a run already stored, and says which it found', async () => {
    const ada = await addRunner(t.db);
    const shoe = await addShoe(t.db, ada.id, { name: 'Pegasus', startedAt: T0 });
    const first = (await insertRun(t.db, newRun(ada.id, 1))).stored;
    if (!first) throw new Error('not stored');
    expect((await getActivity(t.db, first.activityId))?.shoeId).toBe(shoe.id);
    // Same bytes: no new file row, no activity; the stored file is found.
    const again = await insertRun(t.db, newRun(ada.id, 1));
    expect(again.stored).toBeNull();
    expect(again.matches.file).toMatchObject({ id: first.fileId, activityId: first.activityId });
    // Same FIT file_id (and the same run) from other bytes: nothing written.
    const twin = await insertRun(t.db, newRun(ada.id, 2));
    expect(twin).toMatchObject({
      stored: null,
      matches: {
        file: null,
        sameFileId: first.activityId,
        sameRun: first.activityId,
        defaultShoeId: shoe.id,
      },
    });
    // The same run from another device (another file_id, 30 s later, 1 % longer): nothing written.
    const other = {
      ...makeActivity(),
      fileId: { ...makeActivity().fileId, serialNumber: 1, timeCreated: '2026-11-16T07:00:30.000Z' },
      startTime: '2026-11-16T07:00:30.000Z',
    };
    const sameRun = await insertRun(t.db, newRun(ada.id, 3, { activity: other, distanceM: 10_100 }));
    expect(sameRun).toMatchObject({ stored: null, matches: { sameFileId: null, sameRun: first.activityId } });
    expect(await findRunMatches(t.db, keyOf(ada.id, 2))).toMatchObject({ file: null });
    expect(await findRunMatches(t.db, keyOf(ada.id, 3))).toMatchObject({ file: null });
    // 3 % longer is another run: stored, without the shoe when asked not to wear it.
    const ride = await insertRun(
      t.db,
      newRun(ada.id, 4, { activity: other, distanceM: 10_300, withDefaultShoe: false }),
    );
    if (!ride.stored) throw new Error('not stored');
    expect((await getActivity(t.db, ride.stored.activityId))?.shoeId).toBeNull();
  });

  it('finds the same bytes, the same FIT file_id, the same run and the default shoe in one query', async () => {
    const ada = await addRunner(t.db);
    expect(await findRunMatches(t.db, keyOf(ada.id, 1))).toEqual({
      file: null,
      sameFileId: null,
      sameRun: null,
      defaultShoeId: null,
    });
    const shoe = await addShoe(t.db, ada.id, { name: 'Pegasus', startedAt: T0 });
    const { stored } = await insertRun(t.db, newRun(ada.id, 1));
    const matches = await findRunMatches(t.db, keyOf(ada.id, 1));
    expect(matches.file).toMatchObject({
      id: stored?.fileId,
      status: 'imported',
      activityId: stored?.activityId,
    });
    expect(matches).toMatchObject({
      sameFileId: stored?.activityId,
      sameRun: stored?.activityId,
      defaultShoeId: shoe.id,
    });
    // Another device: no file_id match; 30 s later and 1 % longer is the same run, 3 % is not.
    const other = {
      serialNumber: 1,
      timeCreated: '2026-11-16T07:00:30.000Z',
      startTime: '2026-11-16T07:00:30.000Z',
    };
    expect(await findRunMatches(t.db, { ...keyOf(ada.id, 2), ...other, distanceM: 10_100 })).toMatchObject({
      file: null,
      sameFileId: null,
      sameRun: stored?.activityId,
    });
    expect(await findRunMatches(t.db, { ...keyOf(ada.id, 2), ...other, distanceM: 10_300 })).toMatchObject({
      sameRun: null,
    });
    // Null file_id parts never match.
    expect(
      await findRunMatches(t.db, { ...keyOf(ada.id, 2), serialNumber: null, timeCreated: null }),
    ).toMatchObject({ sameFileId: null });
  });

  it('keeps a quarantined file visible to the lookup with its status', async () => {
    const ada = await addRunner(t.db);
    const id = await insertFile(t.db, {
      ...newRun(ada.id, 3).file,
      status: 'failed',
      error: { code: 'FIT_TRUNCATED', message: 'cut short' },
    });
    expect((await findRunMatches(t.db, keyOf(ada.id, 3))).file).toMatchObject({ id, status: 'failed' });
  });
});

function keyOf(athleteId: string, n: number) {
  const a = makeActivity();
  return {
    athleteId,
    sha256: sha256Of(n),
    serialNumber: a.fileId.serialNumber,
    timeCreated: a.fileId.timeCreated,
    startTime: a.startTime,
    distanceM: 10_000,
  };
}
