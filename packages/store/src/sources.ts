import type { Db } from './db.ts';
import { StoreError } from './store-error.ts';

/** A folder watched for an athlete's files. */
export interface Source {
  id: string;
  athleteId: string;
  kind: 'folder';
  path: string;
  createdAt: Date;
}

const SOURCE_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", kind, path, created_at AS "createdAt"`;

/**
 * Watch a folder for an athlete. Adding the same folder twice for the same athlete returns the
 * existing source; a folder already watched for someone else is refused with `SOURCE_TAKEN`.
 */
export async function addSource(db: Db, athleteId: string, path: string, now: Date): Promise<Source> {
  const { rows } = await db.query<Source>(
    `INSERT INTO sources (athlete_id, kind, path, created_at)
     SELECT a.id, 'folder', $2, $3 FROM athletes a WHERE a.id::text = $1
     ON CONFLICT (kind, path) DO NOTHING RETURNING ${SOURCE_COLUMNS}`,
    [athleteId, path, now],
  );
  if (rows[0]) return rows[0];
  const existing = await db.query<Source>(
    `SELECT ${SOURCE_COLUMNS} FROM sources WHERE kind = 'folder' AND path = $1`,
    [path],
  );
  const source = existing.rows[0];
  if (!source) throw new StoreError('ATHLETE_NOT_FOUND', `No athlete has the id ${athleteId}.`);
  if (source.athleteId !== athleteId) {
    throw new StoreError('SOURCE_TAKEN', `The folder ${path} is already watched for another athlete.`);
  }
  return source;
}

/** All sources (every athlete's when `athleteId` is omitted), oldest first. */
export async function listSources(db: Db, athleteId?: string): Promise<Source[]> {
  const { rows } = await db.query<Source>(
    `SELECT ${SOURCE_COLUMNS} FROM sources WHERE $1::text IS NULL OR athlete_id::text = $1 ORDER BY created_at, path`,
    [athleteId ?? null],
  );
  return rows;
}

/** Stop watching a folder; true when something was removed. */
export async function removeSource(db: Db, sourceId: string): Promise<boolean> {
  const { rows } = await db.query(`DELETE FROM sources WHERE id::text = $1 RETURNING id`, [sourceId]);
  return rows.length > 0;
}
