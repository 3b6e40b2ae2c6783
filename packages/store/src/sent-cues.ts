import { oneRow, type Db } from './db.ts';

/** A cue that went out to an athlete, kept so the coach can rotate and escalate. */
export interface SentCue {
  id: string;
  athleteId: string;
  activityId: string | null;
  cueId: string;
  /** Escalation level the cue was sent at (0 = first wording). */
  level: number;
  at: Date;
}

const SENT_CUE_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", activity_id::text AS "activityId",
  cue_id AS "cueId", level, at`;

/** Record that a cue was sent. */
export async function recordSentCue(
  db: Db,
  cue: { athleteId: string; activityId: string | null; cueId: string; level: number; at: Date },
): Promise<SentCue> {
  const { rows } = await db.query<SentCue>(
    `INSERT INTO sent_cues (athlete_id, activity_id, cue_id, level, at) VALUES ($1, $2, $3, $4, $5) RETURNING ${SENT_CUE_COLUMNS}`,
    [cue.athleteId, cue.activityId, cue.cueId, cue.level, cue.at],
  );
  return oneRow(rows);
}

/** The athlete's cues sent at or after `since`, newest first. */
export async function listSentCues(db: Db, athleteId: string, since: Date): Promise<SentCue[]> {
  const { rows } = await db.query<SentCue>(
    `SELECT ${SENT_CUE_COLUMNS} FROM sent_cues WHERE athlete_id::text = $1 AND at >= $2 ORDER BY at DESC, id`,
    [athleteId, since],
  );
  return rows;
}
