import {
  painReportSchema,
  type PainEntry,
  type PainMilestone,
  type PainMilestoneKind,
  type PainReport,
} from '@runcue/analysis';
import { oneRow, type Db } from './db.ts';
import { StoreError } from './store-error.ts';

/** A logged pain entry with its id. */
export type StoredPainEntry = PainEntry & { id: string; athleteId: string };

/** A new entry: the runner's report (validated by `painReportSchema`), when, and the run it refers to. */
export type NewPainEntry = PainReport & { activityId?: string | null; at: Date };

const PAIN_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", activity_id::text AS "activityId", score,
  location AS "where", flags, note, at`;

type PainRow = Omit<StoredPainEntry, 'at'> & { at: Date };

/**
 * Log pain for an athlete: a whole score 0–10, where it hurts, red-flag symptoms and an optional
 * run it refers to. Refuses anything `painReportSchema` refuses with `INVALID_PAIN_ENTRY`.
 */
export async function addPainEntry(db: Db, athleteId: string, entry: NewPainEntry): Promise<StoredPainEntry> {
  const parsed = painReportSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'entry';
    throw new StoreError(
      'INVALID_PAIN_ENTRY',
      field === 'score'
        ? `A pain score is a whole number from 0 to 10, not ${String(entry.score)}.`
        : field.startsWith('flags')
          ? `Unknown pain flag: ${(entry.flags ?? []).join(', ')}.`
          : `Pain entry ${field}: ${issue?.message ?? 'is invalid'}.`,
    );
  }
  const report = parsed.data;
  const { rows } = await db.query<PainRow>(
    `INSERT INTO pain_entries (athlete_id, activity_id, score, location, flags, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PAIN_COLUMNS}`,
    [
      athleteId,
      entry.activityId ?? null,
      report.score,
      report.where ?? null,
      [...new Set(report.flags)],
      report.note ?? null,
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

/**
 * The athlete's newest pain entry with a red flag logged after `after` (null: ever), or null. A red
 * flag holds until the runner records a professional's clearance, however old it is.
 */
export async function latestRedFlagEntry(
  db: Db,
  athleteId: string,
  after: Date | null,
): Promise<StoredPainEntry | null> {
  const { rows } = await db.query<PainRow>(
    `SELECT ${PAIN_COLUMNS} FROM pain_entries
     WHERE athlete_id::text = $1 AND cardinality(flags) > 0 AND ($2::timestamptz IS NULL OR at > $2)
     ORDER BY at DESC, id LIMIT 1`,
    [athleteId, after],
  );
  const row = rows[0];
  return row === undefined ? null : toEntry(row);
}

function toEntry(row: PainRow): StoredPainEntry {
  return { ...row, at: row.at.toISOString() };
}

/** A recorded milestone with its id. */
export type StoredPainMilestone = PainMilestone & { id: string; athleteId: string };

type MilestoneRow = Omit<StoredPainMilestone, 'at'> & { at: Date };

const MILESTONE_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", kind, note, at`;

/** Record a milestone: a professional's clearance after a red flag, or the return plan done. */
export async function addPainMilestone(
  db: Db,
  athleteId: string,
  milestone: { kind: PainMilestoneKind; at: Date; note?: string | null },
): Promise<StoredPainMilestone> {
  const { rows } = await db.query<MilestoneRow>(
    `INSERT INTO pain_milestones (athlete_id, kind, note, at) VALUES ($1, $2, $3, $4) RETURNING ${MILESTONE_COLUMNS}`,
    [athleteId, milestone.kind, milestone.note ?? null, milestone.at],
  );
  const row = oneRow(rows);
  return { ...row, at: row.at.toISOString() };
}

/** The newest milestone of each kind for the athlete, at or before `now`. */
export async function latestPainMilestones(
  db: Db,
  athleteId: string,
  now: Date,
): Promise<Partial<Record<PainMilestoneKind, StoredPainMilestone>>> {
  const { rows } = await db.query<MilestoneRow>(
    `SELECT DISTINCT ON (kind) ${MILESTONE_COLUMNS} FROM pain_milestones
     WHERE athlete_id::text = $1 AND at <= $2 ORDER BY kind, at DESC, id`,
    [athleteId, now],
  );
  const out: Partial<Record<PainMilestoneKind, StoredPainMilestone>> = {};
  for (const row of rows) out[row.kind] = { ...row, at: row.at.toISOString() };
  return out;
}
