import { describe, expect, it } from 'vitest';
import { getFile, getFileBytes } from '@runcue/store';
import { backends, useTestDb } from '@runcue/store/testing';
import { longRunFit } from '@runcue/scripts/fixtures';
import { createIngestFile } from '../src/import/ingest-file.ts';
import { useUploadingAthlete } from './uploading-athlete.ts';
import { createIngestQueue } from '../src/import/ingest-queue.ts';

const NOW = new Date('2025-03-02T08:00:00Z');
const clock = () => NOW;
const MAX_BYTES = 50 * 1024 * 1024;

describe.each(backends)('files accepted now and read afterwards on $name', (backend) => {
  const t = useTestDb(backend);
  const { incoming } = useUploadingAthlete(t, NOW);

  it('keeps a file before answering, and a server stopped before reading it reads it at its next start', async () => {
    const bytes = longRunFit(1800);
    // A server that stops before it reads what it accepted: its reading never happens.
    const stopped = createIngestQueue({
      db: t.db,
      ingestFile: () => Promise.reject(new Error('stopped')),
      clock,
      maxBytes: MAX_BYTES,
    });
    const accepted = await stopped.accept(incoming(bytes, 'later.fit'));
    if (accepted.status !== 'pending') throw new Error(`expected pending, got ${accepted.status}`);
    await stopped.idle();
    expect(await getFile(t.db, accepted.fileId)).toMatchObject({
      status: 'pending',
      originalName: 'later.fit',
    });
    expect(await getFileBytes(t.db, accepted.fileId)).toEqual(bytes);
    // The same bytes again while pending: the same file.
    expect(await stopped.accept(incoming(bytes, 'again.fit'))).toEqual(accepted);

    const ingestFile = createIngestFile({ db: t.db, clock, maxBytes: MAX_BYTES });
    const next = createIngestQueue({ db: t.db, ingestFile, clock, maxBytes: MAX_BYTES });
    expect(await next.resume()).toBe(1);
    const read = await getFile(t.db, accepted.fileId);
    expect(read).toMatchObject({ status: 'imported', originalName: 'later.fit' });
    expect(read?.activityId).toEqual(expect.any(String));
    // Kept in the compact form now, and still exactly the bytes that came.
    expect(await getFileBytes(t.db, accepted.fileId)).toEqual(bytes);
    const again = await next.accept(incoming(bytes, 'third.fit'));
    expect(again).toMatchObject({ status: 'duplicate', reason: 'same-bytes', fileId: accepted.fileId });
    await next.stop();
  });
});
