import { describe, expect, it } from 'vitest';
import { createIngestFile, silentLogger, type IngestPool } from '@runcue/operations';
import { backends, useTestDb } from '@runcue/store/testing';
import { corpusBytes, oneByteRecordsFit } from '@runcue/scripts/fixtures';
import { createApi } from '../src/api/create-api.ts';
import { uploader, useIngestPool } from './upload-suite.ts';

const now = () => new Date('2026-11-22T08:00:00Z');
const MAX_BYTES = 50 * 1024 * 1024;
// 150,000 one-byte records: 150 KB that take a second or more to decode and analyse.
const DENSE = oneByteRecordsFit(150_000);
const RUN = corpusBytes('ActivityLog2/310xt-run.fit');

/**
 * A file that takes seconds to read must not stop the server answering: /healthz and an
 * authenticated read are answered while the worker is still reading it. Nothing here is timed:
 * the answers are checked against the reading's own start and end, which the test observes.
 */
describe.each(backends)('a server reading a hostile upload on $name', (backend) => {
  const t = useTestDb(backend);
  const pool = useIngestPool();

  it('answers /healthz and an authenticated read while the file is being read', async () => {
    const { authorization } = await uploader(t.db, now());
    // The pool as the server sees it, telling the test when a reading starts and ends.
    let reading = false;
    let readingStarted: () => void = () => undefined;
    const observed: IngestPool = {
      ...pool(),
      compute: async (bytes, options) => {
        reading = true;
        readingStarted();
        try {
          return await pool().compute(bytes, options);
        } finally {
          reading = false;
        }
      },
    };
    const ingestFile = createIngestFile({ db: t.db, clock: now, maxBytes: MAX_BYTES, pool: observed });
    const api = createApi({ db: t.db, ingestFile, maxBytes: MAX_BYTES, logger: silentLogger, clock: now });
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    try {
      const auth = { authorization };
      const stored = await fetch(`${url}/api/v1/uploads?name=run.fit`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: RUN,
      });
      expect(stored.status).toBe(201);

      // Start the hostile upload with nothing else reading, and wait for its reading to start.
      const started = new Promise<void>((resolve) => (readingStarted = resolve));
      const upload = fetch(`${url}/api/v1/uploads?name=dense.fit`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: DENSE,
      });
      await started;
      const health = await fetch(`${url}/healthz`);
      const healthDuringReading = reading;
      const list = await fetch(`${url}/api/v1/activities?limit=1`, { headers: auth });
      const listDuringReading = reading;

      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(healthDuringReading).toBe(true);
      expect(list.status).toBe(200);
      expect(((await list.json()) as { activities: unknown[] }).activities).toHaveLength(1);
      expect(listDuringReading).toBe(true);

      // The hostile file still gets its answer, and is stored as one activity or refused whole.
      const answer = await upload;
      expect([201, 422]).toContain(answer.status);
    } finally {
      await api.close();
    }
  });
});
