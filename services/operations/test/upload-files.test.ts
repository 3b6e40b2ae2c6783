import { describe, expect, it } from 'vitest';
import { createAthlete } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { corpusBytes, writeZip } from '@runcue/scripts/fixtures';
import { archiveLimits } from '../src/import/archive-error.ts';
import { createIngestFile } from '../src/import/ingest-file.ts';
import { uploadFile, uploadFiles } from '../src/import/upload-files.ts';
import { uploadStatus } from '../src/import/upload-status.ts';

const now = () => new Date('2026-11-22T08:00:00Z');
const RUN = 'ActivityLog2/920xt-run.fit';

describe.each(backends)('uploads on $name', (backend) => {
  const t = useTestDb(backend);
  const options = async () => {
    const athlete = await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now());
    return {
      db: t.db,
      ingestFile: createIngestFile({ db: t.db, clock: now, maxBytes: 50 * 1024 * 1024 }),
      athleteId: athlete.id,
      origin: '127.0.0.1',
      limits: archiveLimits(50 * 1024 * 1024),
      now,
    };
  };

  it("answers one FIT file with its outcome, then its copy as a duplicate, and tells each one's status", async () => {
    const opts = await options();
    const first = await uploadFile(
      { name: 'run.fit', bytes: corpusBytes(RUN) },
      { ...opts, respondAsync: false },
    );
    expect(first).toMatchObject({ kind: 'one', outcome: { status: 'imported' } });
    const again = await uploadFile(
      { name: 'copy.fit', bytes: corpusBytes(RUN) },
      { ...opts, respondAsync: false },
    );
    expect(again).toMatchObject({ kind: 'one', outcome: { status: 'duplicate', reason: 'same-bytes' } });
    if (first.kind !== 'one' || first.outcome.fileId === null) throw new Error('no file id');
    expect(await uploadStatus(t.db, opts.athleteId, first.outcome.fileId)).toMatchObject({
      status: 'imported',
    });
    const other = await createAthlete(t.db, { name: 'Bob', email: 'bob@example.org' }, now());
    expect(await uploadStatus(t.db, other.id, first.outcome.fileId)).toBeNull();
  });

  it('answers a zip with one result per file, a zip with no FIT file as empty, and a broken zip as one failure', async () => {
    const opts = await options();
    const zip = writeZip([
      { name: 'a/run.fit', data: corpusBytes(RUN) },
      { name: 'b/broken.fit', data: Uint8Array.from([1, 2, 3]) },
    ]);
    const many = await uploadFile({ name: 'export.zip', bytes: zip }, { ...opts, respondAsync: true });
    expect(many).toMatchObject({ kind: 'many', imported: 1, duplicates: 0, failed: 1 });
    const empty = writeZip([{ name: 'notes.json', data: Uint8Array.from([123, 125]) }]);
    expect(await uploadFile({ name: 'notes.zip', bytes: empty }, { ...opts, respondAsync: false })).toEqual({
      kind: 'empty-archive',
      name: 'notes.zip',
    });
    const broken = await uploadFile(
      { name: 'cut.zip', bytes: zip.subarray(0, 40) },
      { ...opts, respondAsync: false },
    );
    expect(broken).toMatchObject({
      kind: 'one',
      outcome: { status: 'failed', error: { code: 'ARCHIVE_CORRUPT' } },
    });
  });

  it("reads a form's files in turn, where a file refused by the edge costs only itself", async () => {
    const opts = await options();
    const results = await uploadFiles(
      [
        { name: 'file 1', refused: { code: 'INVALID_NAME', message: 'a control character' } },
        { name: 'run.fit', bytes: corpusBytes(RUN) },
      ],
      opts,
    );
    expect(results).toMatchObject({ imported: 1, duplicates: 0, failed: 1 });
    expect(results.files.map((f) => [f.name, f.status])).toEqual([
      ['file 1', 'failed'],
      ['run.fit', 'imported'],
    ]);
  });
});
