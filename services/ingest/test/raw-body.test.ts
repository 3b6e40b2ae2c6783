import { request } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getFileBytes } from '@runcue/store';
import { createIngestFile, silentLogger } from '@runcue/operations';
import { backends, useTestDb } from '@runcue/store/testing';
import { longRunFit } from '@runcue/scripts/fixtures';
import { createApi } from '../src/api/create-api.ts';
import { uploader, useIngestPool } from './upload-suite.ts';

const now = () => new Date('2026-11-22T08:00:00Z');
const MAX_BYTES = 4 * 1024 * 1024;
// An hour at 1 Hz: 47 KB. A day: 1.1 MB, read into shared memory and reaching the worker in place.
const SMALL = longRunFit(3600, { serial: 1 });
const LARGE = longRunFit(24 * 3600, { serial: 2 });

/** Sends a raw body under the Content-Length the test chooses (fetch always sends the true one). */
function post(
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
): Promise<{ status: number; json: { error?: { code: string }; fileId?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/uploads?name=run.fit`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(backends)('raw upload bodies on $name', (backend) => {
  const t = useTestDb(backend);
  const pool = useIngestPool();

  it('stores large and small bodies byte for byte, with or without a length, and refuses one declared too large', async () => {
    const { authorization } = await uploader(t.db, now());
    const ingestFile = createIngestFile({ db: t.db, clock: now, maxBytes: MAX_BYTES, pool: pool() });
    const api = createApi({ db: t.db, ingestFile, maxBytes: MAX_BYTES, logger: silentLogger, clock: now });
    const auth = { authorization, 'content-type': 'application/octet-stream' };
    try {
      expect(LARGE.byteLength).toBeGreaterThan(1024 * 1024);
      for (const bytes of [LARGE, SMALL]) {
        const res = await api.inject({
          method: 'POST',
          url: '/api/v1/uploads?name=run.fit',
          headers: auth,
          payload: Buffer.from(bytes),
        });
        expect(res.statusCode).toBe(201);
        const stored = await getFileBytes(t.db, res.json<{ fileId: string }>().fileId);
        expect(Buffer.from(stored ?? []).equals(Buffer.from(bytes))).toBe(true);
      }

      // Chunked, without a Content-Length: read all the same.
      const chunked = await api.inject({
        method: 'POST',
        url: '/api/v1/uploads?name=again.fit',
        headers: auth,
        payload: Readable.from([LARGE.subarray(0, 1000), LARGE.subarray(1000)]),
      });
      expect([chunked.statusCode, chunked.json<{ reason: string }>().reason]).toEqual([200, 'same-bytes']);

      const url = await api.listen({ host: '127.0.0.1', port: 0 });
      // Declared over the limit: refused before a byte is read, and the client reads the answer.
      const tooLarge = await post(url, { ...auth, 'content-length': String(MAX_BYTES + 1) }, SMALL);
      expect([tooLarge.status, tooLarge.json.error?.code]).toEqual([413, 'FILE_TOO_LARGE']);
    } finally {
      await api.close();
    }
  });
});
