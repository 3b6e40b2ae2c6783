import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import { createAthlete, getAnalysis, listOutbox, type Athlete, type Db } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { athleteAnalysisOptions, createIngestFile } from '../src/import/ingest-file.ts';
import { reanalyseAll } from '../src/reanalyse.ts';
import { silentLogger } from '@runcue/operations';
import { corpusBytes } from '@runcue/scripts/fixtures';

/** The analysis version after the current one, as an upgrade would bring. */
const NEXT = ANALYSIS_VERSION + 1;

const RUNS = [
  'ActivityLog2/920xt-run.fit',
  'ActivityLog2/310xt-run.fit',
  'elevate/20171011_run_2088390344.fit',
  'gpsbabel/garmin-forerunner-10.fit',
] as const;
const NOW = new Date('2026-01-10T08:00:00Z');
const LATER = new Date('2026-02-01T08:00:00Z');

async function ingestRuns(db: Db, athleteId: string): Promise<Map<string, Uint8Array>> {
  const ingest = createIngestFile({ db, clock: () => NOW, maxBytes: 1_000_000 });
  const byActivity = new Map<string, Uint8Array>();
  for (const name of RUNS) {
    const bytes = corpusBytes(name);
    const outcome = await ingest({
      athleteId,
      bytes,
      name,
      arrival: 'cli',
      fromArchive: false,
      origin: name,
    });
    if (outcome.status !== 'imported') throw new Error(`${name}: ${JSON.stringify(outcome)}`);
    byActivity.set(outcome.activityId, bytes);
  }
  return byActivity;
}

describe.each(backends)('reanalyseAll on $name', (backend) => {
  const t = useTestDb(backend);
  let athlete: Athlete;

  beforeEach(async () => {
    athlete = await createAthlete(
      t.db,
      { name: 'Ada', email: 'ada@example.org', cadenceThresholdSpm: 176 },
      NOW,
    );
  });

  it('stores a new version for every run, equal to a fresh analysis of its bytes, and a re-run does nothing', async () => {
    const runs = await ingestRuns(t.db, athlete.id);
    const outboxBefore = (await listOutbox(t.db)).length;
    // Ingest stored the current version already: nothing to do for it.
    expect(await reanalyseAll({ db: t.db, clock: () => LATER })).toEqual({ done: 0, failed: [] });

    const result = await reanalyseAll({ db: t.db, clock: () => LATER, version: NEXT, batchSize: 2 });
    expect(result).toEqual({ done: RUNS.length, failed: [] });
    for (const [activityId, bytes] of runs) {
      const stored = await getAnalysis(t.db, activityId, NEXT);
      if (!stored) throw new Error(`activity ${activityId} has no version ${NEXT}`);
      expect(stored.analysisVersion).toBe(NEXT);
      expect(new Date(stored.computedAt).toISOString()).toBe(LATER.toISOString());
      const fresh = analyseRun(decodeFit(bytes), athleteAnalysisOptions(athlete));
      expect(fresh.cadence.thresholdSpm).toBe(176);
      expect(stored.analysis).toEqual(JSON.parse(JSON.stringify({ ...fresh, version: NEXT })));
      // The earlier version stays as it was.
      expect((await getAnalysis(t.db, activityId, ANALYSIS_VERSION))?.analysis.version).toBe(
        ANALYSIS_VERSION,
      );
    }
    expect(await reanalyseAll({ db: t.db, clock: () => LATER, version: NEXT })).toEqual({
      done: 0,
      failed: [],
    });
    expect((await listOutbox(t.db)).length).toBe(outboxBefore);
  });

  it('lists a run whose bytes are missing, damaged or not a FIT file as a failure and analyses the rest', async () => {
    const runs = await ingestRuns(t.db, athlete.id);
    const [missing, corrupt, good, notFit] = [...runs.keys()];
    if (missing === undefined || corrupt === undefined || good === undefined || notFit === undefined)
      throw new Error('four runs');
    const fileOf = `(SELECT file_id FROM activities WHERE id::text = $1)`;
    await t.db.query(`UPDATE files SET bytes = NULL WHERE id = ${fileOf}`, [missing]);
    // Damaged in storage: the kept bytes no longer decode to the file's sha256.
    await t.db.query(`UPDATE files SET bytes = $2 WHERE id = ${fileOf}`, [
      corrupt,
      new TextEncoder().encode('this is not a FIT file at all, only text'),
    ]);
    // Intact, but bytes the decoder refuses (kept as they are, with their own sha256).
    const text = new TextEncoder().encode('this is not a FIT file either, only text');
    await t.db.query(`UPDATE files SET bytes = $2, bytes_encoding = 0, sha256 = $3 WHERE id = ${fileOf}`, [
      notFit,
      text,
      createHash('sha256').update(text).digest('hex'),
    ]);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };

    const result = await reanalyseAll({ db: t.db, clock: () => LATER, version: NEXT, batchSize: 1, logger });
    expect(result.done).toBe(1);
    expect(
      result.failed.map((f) => [f.activityId, f.code.startsWith('FIT_') ? 'FIT_*' : f.code]).sort(),
    ).toEqual(
      [
        [missing, 'FILE_BYTES_MISSING'],
        [corrupt, 'RAW_FILE_CORRUPT'],
        [notFit, 'FIT_*'],
      ].sort(),
    );
    for (const f of result.failed) expect(f.message.length).toBeGreaterThan(10);
    expect(warnings).toHaveLength(3);
    expect(await getAnalysis(t.db, good, NEXT)).not.toBeNull();
    expect(await getAnalysis(t.db, missing, NEXT)).toBeNull();
    expect(await getAnalysis(t.db, corrupt, NEXT)).toBeNull();

    // Again: the good run is done, the broken ones fail the same way.
    const again = await reanalyseAll({ db: t.db, clock: () => LATER, version: NEXT });
    expect(again.done).toBe(0);
    expect(again.failed.map((f) => f.activityId).sort()).toEqual([missing, corrupt, notFit].sort());
  });

  it('stops before the next run once its signal is aborted, and a later call finishes the rest', async () => {
    await ingestRuns(t.db, athlete.id);
    const stop = new AbortController();
    let seen = 0;
    const result = await reanalyseAll({
      db: t.db,
      clock: () => LATER,
      version: NEXT,
      signal: stop.signal,
      // Abort while the first run is being analysed.
      analysisOptionsFor: (a) => {
        seen += 1;
        stop.abort();
        return athleteAnalysisOptions(a);
      },
    });
    expect(result).toEqual({ done: 1, failed: [] });
    expect(seen).toBe(1);
    expect(await reanalyseAll({ db: t.db, clock: () => LATER, version: NEXT })).toEqual({
      done: RUNS.length - 1,
      failed: [],
    });
  });
});
