import { beforeEach, describe, expect, it } from 'vitest';
import {
  addPainEntry,
  addShoe,
  defaultShoe,
  insertActivity,
  insertFile,
  latestPainEntries,
  listPainEntries,
  listSentCues,
  listShoes,
  recordSentCue,
  retireShoe,
  setActivityShoe,
  setDefaultShoe,
  shoeRecords,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at, makeActivity } from './fixtures.ts';

describe.each(backends)('pain log, shoes and sent cues on $name', (backend) => {
  const t = useTestDb(backend);
  let athleteId: string;
  beforeEach(async () => {
    athleteId = (await addRunner(t.db)).id;
  });

  async function addRun(n: number, distanceM: number, shoeId: string | null): Promise<string> {
    const file = await insertFile(t.db, {
      athleteId,
      sha256: n.toString(16).padStart(64, '0'),
      sizeBytes: 1,
      originalName: `${n}.fit`,
      arrival: 'upload',
      fromArchive: false,
      origin: null,
      bytes: Uint8Array.of(n),
      status: 'imported',
      receivedAt: at(n),
    });
    const activity = makeActivity({
      fileId: { manufacturer: null, product: null, serialNumber: n, timeCreated: null },
      startTime: at(n * 1440).toISOString(),
    });
    const id = await insertActivity(t.db, {
      athleteId,
      fileId: file ?? '',
      activity,
      distanceM,
      movingTimeS: 1,
      shoeId,
      createdAt: T0,
    });
    return id ?? '';
  }

  it('logs pain with flags and a run, lists it by time, and refuses bad scores and flags', async () => {
    const run = await addRun(1, 5000, null);
    const entry = await addPainEntry(t.db, athleteId, {
      score: 4,
      where: 'lower-back',
      flags: ['night-pain', 'night-pain'],
      activityId: run,
      note: 'stiff',
      at: at(100),
    });
    expect(entry).toMatchObject({
      athleteId,
      score: 4,
      where: 'lower-back',
      flags: ['night-pain'],
      activityId: run,
      note: 'stiff',
      at: at(100).toISOString(),
    });
    await addPainEntry(t.db, athleteId, { score: 0, at: at(200) });
    expect((await listPainEntries(t.db, athleteId, at(0), at(150))).map((e) => e.score)).toEqual([4]);
    expect((await latestPainEntries(t.db, athleteId, 5)).map((e) => [e.score, e.where, e.flags])).toEqual([
      [0, null, []],
      [4, 'lower-back', ['night-pain']],
    ]);
    await expect(addPainEntry(t.db, athleteId, { score: 11, at: T0 })).rejects.toMatchObject({
      code: 'INVALID_PAIN_ENTRY',
    });
    await expect(addPainEntry(t.db, athleteId, { score: 2.5, at: T0 })).rejects.toMatchObject({
      code: 'INVALID_PAIN_ENTRY',
    });
    await expect(
      addPainEntry(t.db, athleteId, { score: 2, flags: ['tingling' as 'numbness'], at: T0 }),
    ).rejects.toMatchObject({ code: 'INVALID_PAIN_ENTRY' });
  });

  it('keeps one default shoe, counts runs against shoes, and retires them', async () => {
    const first = await addShoe(t.db, athleteId, { name: 'Pegasus', startedAt: T0, startDistanceM: 100_000 });
    expect(first).toMatchObject({ isDefault: true, warnAtM: 482803.2, totalDistanceM: 100_000 });
    const second = await addShoe(t.db, athleteId, { name: 'Trail', startedAt: at(1), warnAtM: 600_000 });
    expect((await defaultShoe(t.db, athleteId))?.id).toBe(second.id);
    await addRun(1, 10_000, first.id);
    const run2 = await addRun(2, 8_000, null);
    await setActivityShoe(t.db, run2, first.id);
    await addRun(5, 12_000, second.id);

    const shoes = await listShoes(t.db, athleteId);
    expect(shoes.map((s) => [s.name, s.isDefault, s.totalDistanceM])).toEqual([
      ['Pegasus', false, 118_000],
      ['Trail', true, 12_000],
    ]);
    expect(await shoeRecords(t.db, athleteId, at(3 * 1440))).toEqual([
      { id: first.id, name: 'Pegasus', warnAtM: 482803.2, distanceBeforeM: 118_000 },
      { id: second.id, name: 'Trail', warnAtM: 600_000, distanceBeforeM: 0 },
    ]);

    expect((await setDefaultShoe(t.db, athleteId, first.id)).isDefault).toBe(true);
    expect((await defaultShoe(t.db, athleteId))?.id).toBe(first.id);
    const retired = await retireShoe(t.db, athleteId, first.id, at(10));
    expect(retired).toMatchObject({ isDefault: false, retiredAt: at(10) });
    expect(await defaultShoe(t.db, athleteId)).toBeNull();
    expect((await listShoes(t.db, athleteId)).map((s) => s.name)).toEqual(['Trail', 'Pegasus']);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    await expect(setDefaultShoe(t.db, bob.id, second.id)).rejects.toMatchObject({ code: 'SHOE_NOT_FOUND' });
  });

  it('addShoe fails with fractional metres (regression): 300 miles is 482803.2 m, stored as given', async () => {
    const shoe = await addShoe(t.db, athleteId, {
      name: 'Clifton',
      startedAt: T0,
      startDistanceM: 482803.2,
      warnAtM: 804672.5,
    });
    expect(shoe).toMatchObject({ startDistanceM: 482803.2, warnAtM: 804672.5, totalDistanceM: 482803.2 });
    const defaults = await addShoe(t.db, athleteId, { name: 'Spare', startedAt: T0 });
    expect(defaults).toMatchObject({ startDistanceM: 0, warnAtM: 482803.2 });
  });

  it('records sent cues and lists them newest first', async () => {
    const run = await addRun(1, 5000, null);
    await recordSentCue(t.db, { athleteId, activityId: run, cueId: 'cadence-low', level: 0, at: at(1) });
    await recordSentCue(t.db, { athleteId, activityId: null, cueId: 'cadence-low', level: 1, at: at(2) });
    await recordSentCue(t.db, { athleteId, activityId: null, cueId: 'form-decay', level: 0, at: at(3) });
    const cues = await listSentCues(t.db, athleteId, at(2));
    expect(cues.map((c) => [c.cueId, c.level])).toEqual([
      ['form-decay', 0],
      ['cadence-low', 1],
    ]);
  });
});
