import { afterAll, describe, expect, it } from 'vitest';
import { countFiles, createAthlete, getFile, getFileBytes, type Db } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { longRunFit, oneByteRecordsFit } from '@runcue/scripts/fixtures';
import { createIngestFile } from '../src/import/ingest-file.ts';
import { useUploadingAthlete } from './uploading-athlete.ts';
import { createIngestPool } from '../src/pool/worker-pool.ts';

const NOW = new Date('2025-03-02T08:00:00Z');
const clock = () => NOW;
const MAX_BYTES = 50 * 1024 * 1024;

async function storedRuns(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM activities)::int AS activities, (SELECT count(*) FROM samples)::int AS samples,
            (SELECT count(*) FROM analyses)::int AS analyses, (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return rows[0] ?? {};
}

describe.each(backends)('a file over its budget on $name', (backend) => {
  const t = useTestDb(backend);
  const pool = createIngestPool({ threads: 2 });
  const slowPool = createIngestPool({ threads: 1, budget: { maxMs: 100 } });
  afterAll(async () => {
    await pool.close();
    await slowPool.close();
  });
  const { incoming, athleteId } = useUploadingAthlete(t, NOW);
  /** The suite's pool, counting the files it is asked to read. */
  const countingPool = () => {
    const counted = {
      computes: 0,
      pool: {
        ...pool,
        compute: (...a: Parameters<typeof pool.compute>) => (counted.computes++, pool.compute(...a)),
      },
    };
    return counted;
  };

  it('is refused with its code, its bytes kept in quarantine, nothing of it stored as a run', async () => {
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool });
    // 1.8 million one-second records: 23 MB, under the size limit, 21 days of records.
    const bytes = longRunFit(1_800_000);
    const outcome = await ingest(incoming(bytes, 'huge.fit'));
    if (outcome.status !== 'failed') throw new Error(`expected failed, got ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('BUDGET_TOO_MANY_RECORDS');
    expect(await getFile(t.db, outcome.fileId)).toMatchObject({
      status: 'failed',
      errorCode: 'BUDGET_TOO_MANY_RECORDS',
      originalName: 'huge.fit',
    });
    expect((await getFileBytes(t.db, outcome.fileId))?.byteLength).toBe(bytes.byteLength);
    expect(await storedRuns(t.db)).toEqual({ activities: 0, samples: 0, analyses: 0, outbox: 0 });

    // The next file is read as usual.
    const next = await ingest(incoming(longRunFit(3600), 'hour.fit'));
    expect(next.status).toBe('imported');
    expect(await countFiles(t.db, athleteId())).toEqual({ imported: 1, duplicate: 0, failed: 1 });
  });

  it('is stopped when reading it takes longer than its time, and read again when it comes back', async () => {
    const strict = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool: slowPool });
    // Three days of one-second records take about a second to decode and analyse on an idle
    // machine, ten times the budget of 100 ms.
    const bytes = longRunFit(3 * 86_400);
    const outcome = await strict(incoming(bytes, 'days.fit'));
    if (outcome.status !== 'failed') throw new Error(`expected failed, got ${JSON.stringify(outcome)}`);
    expect(outcome.error.code).toBe('BUDGET_TOO_SLOW');
    expect((await getFileBytes(t.db, outcome.fileId))?.byteLength).toBe(bytes.byteLength);
    expect(await storedRuns(t.db)).toEqual({ activities: 0, samples: 0, analyses: 0, outbox: 0 });

    const lenient = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool });
    const again = await lenient(incoming(bytes, 'days.fit'));
    expect(again).toMatchObject({ status: 'imported', fileId: outcome.fileId });
  });

  it('reads the same bytes arriving together once, and stores them once', async () => {
    const counting = countingPool();
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool: counting.pool });
    const bytes = longRunFit(7200);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ingest(incoming(bytes, `copy${i}.fit`))),
    );
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate' && o.reason === 'same-bytes')).toHaveLength(9);
    expect(counting.computes).toBeLessThan(10);
    // One run, and one post-run email for it (it started the day before).
    expect(await storedRuns(t.db)).toEqual({ activities: 1, samples: 1, analyses: 1, outbox: 1 });
  });

  it('reads the same bytes arriving for two runners with the same settings once, and stores a run for each', async () => {
    const other = (await createAthlete(t.db, { name: 'Bo', email: 'bo@example.org' }, NOW)).id;
    const counting = countingPool();
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool: counting.pool });
    const bytes = longRunFit(3600);
    const outcomes = await Promise.all([
      ingest(incoming(bytes, 'shared.fit')),
      ingest({ ...incoming(bytes, 'shared.fit'), athleteId: other }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
    expect(counting.computes).toBe(1);
    expect(await storedRuns(t.db)).toMatchObject({ activities: 2, samples: 2, analyses: 2 });
  });

  it('judges records packed denser than any watch writes by their count', async () => {
    const tight = createIngestPool({ threads: 1, budget: { maxRecords: 100_000 } });
    try {
      const ingest = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES, pool: tight });
      // 200,000 one-byte records: 200 KB, far under any size limit.
      const outcome = await ingest(incoming(oneByteRecordsFit(200_000), 'dense.fit'));
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'BUDGET_TOO_MANY_RECORDS' } });
    } finally {
      await tight.close();
    }
  });
});
