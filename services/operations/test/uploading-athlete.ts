import { beforeEach } from 'vitest';
import { createAthlete } from '@runcue/store';
import type { TestDb } from '@runcue/store/testing';
import type { IncomingFile } from '../src/import/ingest-types.ts';

/**
 * A runner created afresh before each test of the suite (Ada, on `t`'s store, at `now`), and
 * `incoming`: a file of theirs as the upload API hands it to ingest.
 */
export function useUploadingAthlete(t: TestDb, now: Date) {
  let athleteId = '';
  beforeEach(async () => {
    athleteId = (await createAthlete(t.db, { name: 'Ada', email: 'ada@example.org' }, now)).id;
  });
  return {
    athleteId: () => athleteId,
    incoming: (bytes: Uint8Array, name: string): IncomingFile => ({
      athleteId,
      bytes,
      name,
      arrival: 'upload',
      fromArchive: false,
      origin: '127.0.0.1',
    }),
  };
}
