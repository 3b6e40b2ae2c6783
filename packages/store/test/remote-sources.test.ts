import { describe, expect, it } from 'vitest';
import {
  addIntervalsSource,
  addSource,
  addWatchSource,
  countSourceItems,
  getSource,
  getSourceCursor,
  getSourceSecret,
  handledSourceItems,
  insertFile,
  listSources,
  recordSourceItem,
  recordSourceSync,
  removeSource,
  saveSourceCursor,
} from '../src/index.ts';
import { backends, useTestDb } from './backends.ts';
import { T0, addRunner, at } from './fixtures.ts';

const KEY = '3kq9zt0w1ab7c2d5e8f4g6h';

describe.each(backends)('watch and intervals.icu sources on $name', (backend) => {
  const t = useTestDb(backend);

  it('keeps the API key out of every listing and replaces it when the source is added again', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    const s = await addIntervalsSource(
      t.db,
      { athleteId: ada.id, intervalsAthleteId: 'i12345', apiKey: KEY, since: '2026-01-01' },
      T0,
    );
    expect(s).toMatchObject({ kind: 'intervals', path: 'i12345', settings: { since: '2026-01-01' } });
    expect(JSON.stringify(await listSources(t.db))).not.toContain(KEY);
    expect(JSON.stringify(await getSource(t.db, s.id))).not.toContain(KEY);
    expect(await getSourceSecret(t.db, s.id)).toBe(KEY);

    const again = await addIntervalsSource(
      t.db,
      { athleteId: ada.id, intervalsAthleteId: 'i12345', apiKey: 'new-key-0000000000', since: '2025-06-01' },
      at(1),
    );
    expect(again.id).toBe(s.id);
    expect(again.settings).toEqual({ since: '2025-06-01' });
    expect(await getSourceSecret(t.db, s.id)).toBe('new-key-0000000000');
    await expect(
      addIntervalsSource(
        t.db,
        { athleteId: bob.id, intervalsAthleteId: 'i12345', apiKey: KEY, since: '2026-01-01' },
        T0,
      ),
    ).rejects.toMatchObject({ code: 'SOURCE_TAKEN' });
  });

  it('has one watch source, and a folder, a watch and an account side by side', async () => {
    const ada = await addRunner(t.db);
    const bob = await addRunner(t.db, 'Bob', 'bob@example.org');
    const watch = await addWatchSource(t.db, ada.id, T0);
    expect(await addWatchSource(t.db, ada.id, at(1))).toEqual(watch);
    await expect(addWatchSource(t.db, bob.id, T0)).rejects.toMatchObject({ code: 'SOURCE_TAKEN' });
    await addSource(t.db, ada.id, '/sync/ada', at(2));
    await addIntervalsSource(
      t.db,
      { athleteId: ada.id, intervalsAthleteId: 'i1', apiKey: KEY, since: '2026-01-01' },
      at(3),
    );
    expect((await listSources(t.db, ada.id)).map((s) => s.kind)).toEqual(['watch', 'folder', 'intervals']);
    await expect(addWatchSource(t.db, '00000000-0000-0000-0000-000000000000', T0)).rejects.toMatchObject({
      code: 'ATHLETE_NOT_FOUND',
    });
  });

  it('keeps a cursor, the last error until a success, and each item once', async () => {
    const ada = await addRunner(t.db);
    const s = await addIntervalsSource(
      t.db,
      { athleteId: ada.id, intervalsAthleteId: 'i1', apiKey: KEY, since: '2026-01-01' },
      T0,
    );
    expect(await getSourceCursor(t.db, s.id)).toBeNull();
    await saveSourceCursor(t.db, s.id, { v: 1, through: '2026-02-01T00:00:00' });
    expect(await getSourceCursor(t.db, s.id)).toEqual({ v: 1, through: '2026-02-01T00:00:00' });

    await recordSourceSync(t.db, s.id, { ok: false, code: 'INTERVALS_UNAVAILABLE', message: '503' }, at(1));
    expect((await getSource(t.db, s.id))?.lastError).toMatchObject({ code: 'INTERVALS_UNAVAILABLE' });
    await recordSourceSync(t.db, s.id, { ok: true }, at(2));
    const ok = await getSource(t.db, s.id);
    expect(ok?.lastError).toBeNull();
    expect(ok?.lastSyncedAt?.toISOString()).toBe(at(2).toISOString());

    const fileId = await insertFile(t.db, {
      athleteId: ada.id,
      sha256: 'a'.repeat(64),
      sizeBytes: 3,
      originalName: 'intervals-i7.fit',
      arrival: 'intervals',
      fromArchive: false,
      origin: 'https://intervals.icu/api/v1/activity/i7/file',
      bytes: Uint8Array.of(1, 2, 3),
      status: 'failed',
      error: { code: 'FIT_NOT_FIT', message: 'not a FIT file' },
      receivedAt: T0,
    });
    const item = { sourceId: s.id, fileId, outcome: 'failed', detail: null, handledAt: at(3) };
    await recordSourceItem(t.db, { ...item, itemId: 'i7' });
    await recordSourceItem(t.db, { ...item, itemId: 'i7', outcome: 'imported' });
    await recordSourceItem(t.db, { ...item, itemId: 'i8', fileId: null, outcome: 'skipped' });
    expect([...(await handledSourceItems(t.db, s.id, ['i7', 'i8', 'i9']))].sort()).toEqual(['i7', 'i8']);
    expect(await countSourceItems(t.db, s.id)).toEqual({ failed: 1, skipped: 1 });

    expect(await removeSource(t.db, s.id)).toBe(true);
    expect(await handledSourceItems(t.db, s.id, ['i7'])).toEqual(new Set());
  });
});
