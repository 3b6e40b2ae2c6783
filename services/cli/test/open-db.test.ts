import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { openDb } from '../src/open-db.ts';

describe('the embedded database', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'runcue-open-db-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('keeps 16 MB of shared buffers, not the 128 MB that PGlite would hold for good', async () => {
    const { db, close } = await openDb(parseConfig({ RUNCUE_HOME: home }, home));
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await close();
    }
  });
});
