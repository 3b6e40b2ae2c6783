import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createAthlete, createToken, type Db } from '@runcue/store';
import { createIngestPool, type IngestPool } from '@runcue/operations';

/** A one-worker ingest pool shared by the suite's tests and closed after them. */
export function useIngestPool(): () => IngestPool {
  let pool: IngestPool | null = null;
  beforeAll(() => {
    pool = createIngestPool({ threads: 1 });
  });
  afterAll(async () => {
    await pool?.close();
  });
  return () => {
    if (pool === null) throw new Error('useIngestPool: the pool exists only inside tests');
    return pool;
  };
}

/** Ada, stored at `now`, and the `authorization` header of a token of hers: who uploads. */
export async function uploader(db: Db, now: Date): Promise<{ authorization: string }> {
  const athlete = await createAthlete(db, { name: 'Ada', email: 'ada@example.org' }, now);
  const { token } = await createToken(db, athlete.id, 'test', randomBytes(32), now);
  return { authorization: `Bearer ${token}` };
}
