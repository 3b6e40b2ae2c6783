import { PAIN_RED_FLAGS, type PainEntry, type PainLocation, type PainRedFlag } from '@runcue/analysis';
import { oneRow, type Db } from './db.ts';
import { StoreError } from './store-error.ts';

/** A logged pain entry with its id. */
export type StoredPainEntry = PainEntry & { id: string; athleteId: string };

export interface NewPainEntry {
  score: number;
  where?: PainLocation | null;
  flags?: readonly PainRedFlag[];
  activityId?: string | null;
  note?: string | null;
  at: Date;
}

const PAIN_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", activity_id::text AS "activityId", score,
  location AS "where", flags, note, at`;

type PainRow = Omit<StoredPainEntry, 'at'> & { at: Date };

/**
 * Log pain for an athlete: a whole score 0–10, where it hurts, red-flag symptoms and an optional
 * run it refers to. Refuses scores out of range and unknown flags with `INVALID_PAIN_ENTRY`.
 */
export async function addPainEntry(db: Db, athleteId: string, entry: NewPainEntry): Promise<StoredPainEntry> {
  if (!Number.isInteger(entry.score) || entry.score < 0 || entry.score > 10) {
    throw new StoreError(
      'INVALID_PAIN_ENTRY',
      `A pain score is a whole number from 0 to 10, not ${entry.score}.`,
    );
  }
  const flags = [...new Set(entry.flags ?? [])];
  const unknown = flags.filter((f) => !PAIN_RED_FLAGS.includes(f));
  if (unknown.length > 0)
    throw new StoreError('INVALID_PAIN_ENTRY', `Unknown pain flag: ${unknown.join(', ')}.`);
  const { rows } = await db.query<PainRow>(
    `INSERT INTO pain_entries (athlete_id, activity_id, score, location, flags, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PAIN_COLUMNS}`,
    [
      athleteId,
      entry.activityId ?? null,
      entry.score,
      entry.where ?? null,
      flags,
      entry.note ?? null,
      entry.at,
    ],
  );
  return toEntry(oneRow(rows));
}

/** The athlete's pain entries in [from, to), oldest first. */
export async function listPainEntries(
  db: Db,
  athleteId: string,
  from: Date,
  to: Date,
): Promise<StoredPainEntry[]> {
  const { rows } = await db.query<PainRow>(
    `SELECT ${PAIN_COLUMNS} FROM pain_entries WHERE athlete_id::text = $1 AND at >= $2 AND at < $3 ORDER BY at, id`,
    [athleteId, from, to],
  );
  return rows.map(toEntry);
}

/** The athlete's most recent pain entries (newest first), for the coach's context. */
export async function latestPainEntries(db: Db, athleteId: string, limit = 10): Promise<StoredPainEntry[]> {
  const { rows } = await db.query<PainRow>(
    `SELECT ${PAIN_COLUMNS} FROM pain_entries WHERE athlete_id::text = $1 ORDER BY at DESC, id LIMIT $2`,
    [athleteId, limit],
  );
  return rows.map(toEntry);
}

function toEntry(row: PainRow): StoredPainEntry {
  return { ...row, at: row.at.toISOString() };
}
