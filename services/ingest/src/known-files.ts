import type { Db } from '@runcue/store';

/**
 * True when this athlete already has a file recorded from this path with this size, so a restart
 * or a re-run of an import can skip it without reading it again. The ingest is idempotent by
 * sha256 anyway; this only keeps a folder of thousands of old runs cheap to re-scan.
 */
export async function isKnownFile(db: Db, athleteId: string, origin: string, sizeBytes: number): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM files WHERE athlete_id::text = $1 AND origin = $2 AND size_bytes = $3 LIMIT 1',
    [athleteId, origin, sizeBytes],
  );
  return rows.length > 0;
}
