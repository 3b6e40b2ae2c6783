import { beforeEach, describe, expect, it } from 'vitest';
import { decodeFit } from '@runcue/fit';
import {
  addShoe,
  countFiles,
  createAthlete,
  getActivity,
  getAnalysis,
  getFile,
  getFileBytes,
  listOutbox,
  listRunRecords,
  loadSamples,
  updateAthlete,
  type Db,
} from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { createIngestFile, type ImportedActivity } from '../src/import/ingest-file.ts';
import type { IncomingFile, IngestOutcome } from '../src/import/ingest-types.ts';
import { corpusBytes, writeRunFit } from '@runcue/scripts/fixtures';

const RUN = 'ActivityLog2/920xt-run.fit';
const RIDE = 'ActivityLog2/310xt-bike.fit';
// Two hours after RUN started (2014-12-28 21:38 UTC): a run that just arrived from the watch.
const NOW = new Date('2014-12-28T23:40:00Z');
const clock = () => NOW;

/** The same run as RUN as if from a second device: the file_id serial number (at byte 39) changed. */
function fromSecondDevice(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[39] = (copy[39] ?? 0) ^ 0x5a;
  return copy;
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM files)::int AS files, (SELECT count(*) FROM activities)::int AS activities,
            (SELECT count(*) FROM samples)::int AS samples, (SELECT count(*) FROM analyses)::int AS analyses,
            (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return rows[0] ?? {};
}

describe.each(backends)('ingestFile on $name', (backend) => {
  const t = useTestDb(backend);
  let athleteId: string;
  const incoming = (bytes: Uint8Array, name: string): IncomingFile => ({
    athleteId,
    bytes,
    name,
    arrival: 'folder',
    fromArchive: false,
    origin: `/sync/${name}`,
  });

  beforeEach(async () => {
    athleteId = (
      await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org', cadenceThresholdSpm: 172 }, NOW)
    ).id;
  });

  it('queues no post-run email for a runner who turned them off, and says why', async () => {
    await updateAthlete(t.db, athleteId, { settings: { postRunEmail: false } });
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 });
    const outcome = await ingest(incoming(corpusBytes(RUN), '920xt-run.fit'));
    expect(outcome).toMatchObject({ status: 'imported', noSummary: { reason: 'emails-off' } });
    expect(await listOutbox(t.db)).toEqual([]);
  });

  it('imports a run with its bytes, samples, analysis, default shoe and a run-summary, and a re-upload only as a duplicate', async () => {
    const shoe = await addShoe(t.db, athleteId, { name: 'Pegasus', startedAt: NOW });
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 });
    const bytes = corpusBytes(RUN);
    const outcome = await ingest(incoming(bytes, '920xt-run.fit'));
    if (outcome.status !== 'imported') throw new Error(`expected imported, got ${JSON.stringify(outcome)}`);

    const decoded = decodeFit(bytes);
    const activity = await getActivity(t.db, outcome.activityId);
    expect(activity).toMatchObject({
      fileId: outcome.fileId,
      sport: 'running',
      shoeId: shoe.id,
      fitSerialNumber: decoded.fileId.serialNumber,
    });
    expect(activity?.startTime.toISOString()).toBe(decoded.startTime);
    expect(activity?.distanceM).toBeCloseTo(12579.16, 2);
    expect(Buffer.from((await getFileBytes(t.db, outcome.fileId)) ?? []).equals(Buffer.from(bytes))).toBe(
      true,
    );
    const samples = await loadSamples(t.db, outcome.activityId);
    expect(samples?.length).toBe(decoded.samples.length);
    expect(Array.from(samples?.distance ?? [])).toEqual(Array.from(decoded.samples.distance));
    const analysis = await getAnalysis(t.db, outcome.activityId);
    expect(analysis?.analysis.cadence.thresholdSpm).toBe(172);
    expect(analysis?.analysis.isRun).toBe(true);
    const outbox = await listOutbox(t.db);
    expect(outbox.map((r) => [r.kind, r.key, r.payload.activityId])).toEqual([
      ['run-summary', outcome.activityId, outcome.activityId],
    ]);

    const again = await ingest({ ...incoming(bytes, 'copy.fit'), arrival: 'upload', origin: '127.0.0.1' });
    expect(again).toEqual({
      status: 'duplicate',
      fileId: outcome.fileId,
      duplicateOf: outcome.activityId,
      reason: 'same-bytes',
    });
    expect(await tableCounts(t.db)).toEqual({ files: 1, activities: 1, samples: 1, analyses: 1, outbox: 1 });
  });

  it('archive imports must not email hundreds of old runs (regression): only recent runs from a watch or upload get a summary', async () => {
    const bytes = corpusBytes(RUN);
    const at = (iso: string) => () => new Date(iso);
    // A Garmin Connect export: the run is stored and analysed and counts in trends, but sends nothing.
    const archived = await createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 })({
      ...incoming(bytes, 'export.zip!/run.fit'),
      fromArchive: true,
    });
    if (archived.status !== 'imported') throw new Error(JSON.stringify(archived));
    expect((await getAnalysis(t.db, archived.activityId))?.analysis.isRun).toBe(true);
    const trends = await listRunRecords(
      t.db,
      athleteId,
      new Date('2014-12-01T00:00:00Z'),
      new Date('2015-01-01T00:00:00Z'),
    );
    expect(trends.map((r) => r.activityId)).toEqual([archived.activityId]);
    expect(await listOutbox(t.db)).toEqual([]);

    // From a watched folder: years later (a first sync of an old watch folder) no email either.
    const bob = (await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, NOW)).id;
    const later = await createIngestFile({
      db: t.db,
      clock: at('2026-11-20T08:00:00Z'),
      maxBytes: 1_000_000,
    })({ ...incoming(bytes, 'run.fit'), athleteId: bob });
    expect(later.status).toBe('imported');
    expect(await listOutbox(t.db)).toEqual([]);

    // The window is 3 days by default and configurable; a run that started within it gets its summary.
    const cy = (await createAthlete(t.db, { name: 'Cy', email: 'cy@example.org' }, NOW)).id;
    const fourDays = await createIngestFile({
      db: t.db,
      clock: at('2015-01-01T22:00:00Z'),
      maxBytes: 1_000_000,
    })({ ...incoming(bytes, 'run.fit'), athleteId: cy });
    expect(fourDays.status).toBe('imported');
    expect(await listOutbox(t.db)).toEqual([]);
    const dee = (await createAthlete(t.db, { name: 'Dee', email: 'dee@example.org' }, NOW)).id;
    const weekWindow = createIngestFile({
      db: t.db,
      clock: at('2015-01-01T22:00:00Z'),
      maxBytes: 1_000_000,
      summaryWindowDays: 7,
    });
    const withinWeek = await weekWindow({ ...incoming(bytes, 'run.fit'), athleteId: dee });
    const eve = (await createAthlete(t.db, { name: 'Eve', email: 'eve@example.org' }, NOW)).id;
    const threeDays = await createIngestFile({
      db: t.db,
      clock: at('2014-12-31T21:00:00Z'),
      maxBytes: 1_000_000,
    })({ ...incoming(bytes, 'run.fit'), athleteId: eve, arrival: 'upload' });
    if (withinWeek.status !== 'imported' || threeDays.status !== 'imported')
      throw new Error(JSON.stringify([withinWeek, threeDays]));
    expect((await listOutbox(t.db)).map((r) => [r.athleteId, r.kind, r.key]).sort()).toEqual(
      [
        [dee, 'run-summary', withinWeek.activityId],
        [eve, 'run-summary', threeDays.activityId],
      ].sort(),
    );
  });

  it("shows a run whose file's local offset is more than a day from the athlete's zone in the athlete's zone, and says so", async () => {
    await updateAthlete(t.db, athleteId, { timeZone: 'Pacific/Pago_Pago' });
    // Sunday 28 Dec 2014, 21:00 UTC: Sunday 10:00 in Pago Pago (−11 h); a watch set to +14 h says Monday.
    const bytes = writeRunFit({
      start: new Date('2014-12-28T21:00:00Z'),
      points: Array.from({ length: 601 }, (_, t) => ({ t, speedMps: 3, cadenceSpm: 170 })),
      localOffsetS: 14 * 3600,
    });
    expect(decodeFit(bytes).localOffsetS).toBe(14 * 3600);
    const outcome = await createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 })(
      incoming(bytes, 'plus-14.fit'),
    );
    if (outcome.status !== 'imported') throw new Error(`expected imported, got ${JSON.stringify(outcome)}`);
    const activity = await getActivity(t.db, outcome.activityId);
    expect(activity?.localOffsetS).toBe(-11 * 3600);
    expect(activity?.metadata.repairs).toEqual([
      'The file gives a local time +14 h from UTC, more than a day from your time zone (Pacific/Pago_Pago, −11 h); the run is shown in your time zone, on the day you ran it.',
    ]);
  });

  it('tells onImported about each new activity after its commit, and only new ones', async () => {
    const seen: ImportedActivity[] = [];
    const logged: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (m: string) => logged.push(m) };
    let calls = 0;
    const ingest = createIngestFile({
      db: t.db,
      clock,
      maxBytes: 1_000_000,
      logger,
      onImported: (a) => {
        calls += 1;
        seen.push(a);
        if (calls === 2) throw new Error('wake failed');
      },
    });
    const run = await ingest(incoming(corpusBytes(RUN), 'run.fit'));
    await ingest(incoming(corpusBytes(RUN), 'again.fit'));
    await ingest(incoming(corpusBytes('elevate/empty.fit'), 'empty.fit'));
    const ride = await ingest(incoming(corpusBytes(RIDE), 'ride.fit'));
    if (run.status !== 'imported' || ride.status !== 'imported') throw new Error(JSON.stringify([run, ride]));
    expect(seen).toEqual([
      { athleteId, fileId: run.fileId, activityId: run.activityId, summaryQueued: true },
      { athleteId, fileId: ride.fileId, activityId: ride.activityId, summaryQueued: false },
    ]);
    expect(logged).toEqual([expect.stringContaining('wake failed')]);
    expect(await getActivity(t.db, ride.activityId)).not.toBeNull();
  });

  it('records the same FIT file_id and the same run from another device as duplicates of the first', async () => {
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 });
    const bytes = corpusBytes(RUN);
    const first = await ingest(incoming(bytes, 'run.fit'));
    if (first.status !== 'imported') throw new Error(JSON.stringify(first));

    const truncated = await ingest(
      incoming(bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'run-partial.fit'),
    );
    expect(truncated).toMatchObject({
      status: 'duplicate',
      duplicateOf: first.activityId,
      reason: 'same-file-id',
    });
    const other = await ingest(incoming(fromSecondDevice(bytes), 'run-from-pod.fit'));
    expect(other).toMatchObject({ status: 'duplicate', duplicateOf: first.activityId, reason: 'same-run' });
    if (other.status !== 'duplicate') return;
    expect(await getFile(t.db, other.fileId)).toMatchObject({
      status: 'duplicate',
      duplicateOf: first.activityId,
      duplicateReason: 'same-run',
    });
    const ride = await ingest(incoming(corpusBytes(RIDE), 'ride.fit'));
    expect(ride.status).toBe('imported');
    expect(await tableCounts(t.db)).toEqual({ files: 4, activities: 2, samples: 2, analyses: 2, outbox: 1 });
  });

  it('quarantines unreadable files with their code and bytes, and they never block the next file', async () => {
    const ingest = createIngestFile({ db: t.db, clock, maxBytes: 100_000 });
    const outcomes: IngestOutcome[] = [];
    for (const [path, name] of [
      ['elevate/empty.fit', 'empty.fit'],
      ['elevate/._empty.fit', '._empty.fit'],
      ['coursepointer/cptr002.fit', 'course.fit'],
      [RUN, 'run.fit'],
    ] as const) {
      outcomes.push(await ingest(incoming(corpusBytes(path), name)));
    }
    expect(outcomes.map((o) => (o.status === 'failed' ? o.error.code : o.status))).toEqual([
      'FIT_EMPTY',
      'FIT_NOT_FIT',
      'FIT_NOT_ACTIVITY',
      'imported',
    ]);
    const failed = outcomes[1];
    if (failed?.status !== 'failed') throw new Error('expected a failure');
    expect(failed.error.message).toMatch(/not a FIT file/);
    expect(await getFile(t.db, failed.fileId)).toMatchObject({
      status: 'failed',
      errorCode: 'FIT_NOT_FIT',
      originalName: '._empty.fit',
    });
    expect((await getFileBytes(t.db, failed.fileId))?.byteLength).toBe(178);
    expect(await countFiles(t.db, athleteId)).toEqual({ imported: 1, duplicate: 0, failed: 3 });
  });

  it('refuses a file over the limit without keeping it, and reads a failed file again when it comes back', async () => {
    const bytes = corpusBytes(RUN);
    const strict = await createIngestFile({ db: t.db, clock, maxBytes: 10_000 })(incoming(bytes, 'run.fit'));
    if (strict.status !== 'failed') throw new Error(JSON.stringify(strict));
    expect(strict.error.code).toBe('FIT_TOO_LARGE');
    expect(await getFileBytes(t.db, strict.fileId)).toBeNull();

    const retried = await createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 })(
      incoming(bytes, 'run.fit'),
    );
    expect(retried).toMatchObject({ status: 'imported', fileId: strict.fileId });
    expect(await countFiles(t.db, athleteId)).toEqual({ imported: 1, duplicate: 0, failed: 0 });
  });

  it('keeps a file it failed to analyse as failed with code INTERNAL', async () => {
    const ingest = createIngestFile({
      db: t.db,
      clock,
      maxBytes: 1_000_000,
      analysisOptionsFor: () => ({
        get cadenceThresholdSpm(): number {
          throw new Error('threshold lookup broke');
        },
      }),
    });
    const outcome = await ingest(incoming(corpusBytes(RUN), 'run.fit'));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    if (outcome.status === 'failed') expect(outcome.error.message).toContain('threshold lookup broke');
    expect(await tableCounts(t.db)).toEqual({ files: 1, activities: 0, samples: 0, analyses: 0, outbox: 0 });
  });

  it('leaves nothing behind when the database fails mid-transaction, and re-throws', async () => {
    // A real database cannot be made to fail on one statement on demand, so this wraps our own seam.
    const failOnOutbox = (db: Db): Db => ({
      query: (text, values) =>
        text.includes('INSERT INTO outbox') ? Promise.reject(new Error('disk full')) : db.query(text, values),
      transaction: (fn) => db.transaction((tx) => fn(failOnOutbox(tx))),
    });
    const ingest = createIngestFile({ db: failOnOutbox(t.db), clock, maxBytes: 1_000_000 });
    await expect(ingest(incoming(corpusBytes(RUN), 'run.fit'))).rejects.toThrow('disk full');
    expect(await tableCounts(t.db)).toEqual({ files: 0, activities: 0, samples: 0, analyses: 0, outbox: 0 });
    const retry = await createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 })(
      incoming(corpusBytes(RUN), 'run.fit'),
    );
    expect(retry.status).toBe('imported');
  });

  it('two copies of one run arriving at once make one activity', async () => {
    const bytes = corpusBytes(RUN);
    const a = createIngestFile({ db: t.db, clock, maxBytes: 1_000_000 });
    const b = createIngestFile({ db: t.openAnother(), clock, maxBytes: 1_000_000 });
    const same = await Promise.all([a(incoming(bytes, 'a.fit')), b(incoming(bytes, 'b.fit'))]);
    expect(same.map((o) => o.status).sort()).toEqual(['duplicate', 'imported']);
    const twins = await Promise.all([
      a(incoming(fromSecondDevice(bytes), 'c.fit')),
      b(incoming(bytes.subarray(0, 20_000), 'd.fit')),
    ]);
    expect(twins.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    expect(await tableCounts(t.db)).toEqual({ files: 3, activities: 1, samples: 1, analyses: 1, outbox: 1 });
  });
});
