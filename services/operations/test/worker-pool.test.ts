import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { longRunFit } from '@runcue/scripts/fixtures';
import { computeFile } from '../src/pool/compute-file.ts';
import { defaultIngestBudget } from '../src/pool/ingest-budget.ts';
import { createIngestPool, type IngestPool } from '../src/pool/worker-pool.ts';

const MAX_BYTES = 64 * 1024 * 1024;
const fixture = new Uint8Array(
  readFileSync(new URL('../../../test/fixtures/hilly-steady.fit', import.meta.url)),
);
const analysisOptions = { cadenceThresholdSpm: 172 };

describe('the ingest worker pool', () => {
  const pools: IngestPool[] = [];
  const pool = (options: Parameters<typeof createIngestPool>[0] = {}) => {
    const created = createIngestPool({ threads: 2, ...options });
    pools.push(created);
    return created;
  };
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  /** The fixture read in a worker of `workers` and in this thread must give the same answer. */
  async function expectSameAsInThread(workers: IngestPool): Promise<void> {
    const inWorker = await workers.compute(fixture, { maxBytes: MAX_BYTES, analysisOptions });
    const inThread = computeFile(fixture, {
      maxBytes: MAX_BYTES,
      analysisOptions,
      budget: defaultIngestBudget,
    });
    expect(inWorker.ok).toBe(true);
    expect(inWorker).toEqual(inThread);
  }

  it('reads a real file in a worker exactly as in this thread', async () => {
    await expectSameAsInThread(pool());
  });

  it('reads it the same in a worker kept from the start without the warm-up (a batch import)', async () => {
    await expectSameAsInThread(pool({ threads: 1, keepWarm: true, warmUp: false }));
  });

  it('refuses a file of more messages than any watch writes before decoding it', async () => {
    // 1.8 million one-second records: 20 days, 23 MB, under the 50 MiB size limit.
    const result = await pool().compute(longRunFit(1_800_000), { maxBytes: MAX_BYTES, analysisOptions });
    expect(result).toMatchObject({ ok: false, error: { code: 'BUDGET_TOO_MANY_RECORDS' } });
  });

  it('refuses an activity of more samples than its budget', async () => {
    const result = await pool({ budget: { maxSamples: 3000 } }).compute(longRunFit(3601), {
      maxBytes: MAX_BYTES,
      analysisOptions,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BUDGET_TOO_MANY_SAMPLES' } });
    if (!result.ok) expect(result.error.message).toContain('3601 samples');
  });

  it('stops a file over its time budget; the file queued behind it waited longer than that and is read', async () => {
    const strict = pool({ threads: 1, budget: { maxMs: 250 } });
    const options = { maxBytes: MAX_BYTES, analysisOptions };
    // A week at 1 Hz takes about two seconds to decode and analyse on an idle machine, eight times
    // the budget of 250 ms. The short run behind it (a few ms of work) waits those 250 ms in the
    // queue: its own clock starts when a worker takes it.
    const [slow, queued] = await Promise.all([
      strict.compute(longRunFit(7 * 86_400), options),
      strict.compute(longRunFit(600), options),
    ]);
    expect(slow).toMatchObject({ ok: false, error: { code: 'BUDGET_TOO_SLOW' } });
    expect(queued.ok).toBe(true);
    const next = await strict.compute(longRunFit(601), options);
    expect(next.ok).toBe(true);
  });
});
