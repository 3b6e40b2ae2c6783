import { beforeEach, describe, expect, it } from 'vitest';
import {
  firstRunStart,
  insertFile,
  isKnownFile,
  listRunStartTimes,
  sampleCount,
  saveAnalysis,
  saveSamples,
  type Db,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at, insertDayActivity, makeSamples } from './fixtures.ts';
import { runAnalysis } from '@runcue/analysis/testing';

const DAY_MIN = 24 * 60;

/** A stored activity n days after T0 with the given analysis (none when `isRun` is undefined). */
async function addActivity(
  db: Db,
  athleteId: string,
  n: number,
  isRun: boolean | undefined,
): Promise<string> {
  const file = await insertFile(db, {
    athleteId,
    sha256: `${athleteId.slice(0, 8)}${n}`.padStart(64, '0'),
    sizeBytes: 100 + n,
    originalName: `${n}.fit`,
    arrival: 'folder',
    fromArchive: false,
    origin: `/watch/${n}.fit`,
    bytes: Uint8Array.of(n),
    status: 'imported',
    receivedAt: T0,
  });
  const id = await insertDayActivity(db, athleteId, file ?? '', n);
  if (isRun !== undefined) await saveAnalysis(db, id, runAnalysis({ isRun }), T0);
  return id;
}

describe.each(backends)('lookups ingest and the notifier ask on $name', (backend) => {
  const t = useTestDb(backend);
  beforeEach(async () => {});

  it('isKnownFile matches the athlete, the path and the size, all three', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    await addActivity(t.db, ada.id, 3, true);
    expect(await isKnownFile(t.db, ada.id, '/watch/3.fit', 103)).toBe(true);
    expect(await isKnownFile(t.db, ada.id, '/watch/3.fit', 104)).toBe(false);
    expect(await isKnownFile(t.db, ada.id, '/watch/4.fit', 103)).toBe(false);
    expect(await isKnownFile(t.db, bob.id, '/watch/3.fit', 103)).toBe(false);
    expect(await isKnownFile(t.db, 'not-an-id', '/watch/3.fit', 103)).toBe(false);
  });

  it('sampleCount reads the stored count without decoding, 0 without samples', async () => {
    const ada = await addRunner(t.db);
    const id = await addActivity(t.db, ada.id, 1, true);
    expect(await sampleCount(t.db, id)).toBe(0);
    await saveSamples(t.db, id, makeSamples(1234));
    expect(await sampleCount(t.db, id)).toBe(1234);
    expect(await sampleCount(t.db, 'nope')).toBe(0);
  });

  it('firstRunStart and listRunStartTimes count only activities whose newest analysis is a run', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    expect(await firstRunStart(t.db, ada.id)).toBeNull();
    await addActivity(t.db, ada.id, 2, false); // a ride
    await addActivity(t.db, ada.id, 3, undefined); // not analysed yet
    await addActivity(t.db, ada.id, 9, true);
    await addActivity(t.db, ada.id, 5, true);
    await addActivity(t.db, bob.id, 1, true);
    expect(await firstRunStart(t.db, ada.id)).toEqual(at(5 * DAY_MIN));
    expect(await listRunStartTimes(t.db, ada.id, T0, at(30 * DAY_MIN))).toEqual([
      at(5 * DAY_MIN),
      at(9 * DAY_MIN),
    ]);
    expect(await listRunStartTimes(t.db, ada.id, at(5 * DAY_MIN + 1), at(9 * DAY_MIN))).toEqual([]);
    expect(await firstRunStart(t.db, 'nope')).toBeNull();
  });
});
