import type { RunAnalysis } from '@runcue/analysis';
import type { Db } from './db.ts';

/** A stored analysis: the JSON form of a `RunAnalysis` of some analysis version. */
export interface StoredAnalysis {
  activityId: string;
  analysisVersion: number;
  analysis: RunAnalysis;
  computedAt: Date;
}

/**
 * Store an activity's analysis under its version, replacing an earlier computation of the same
 * version. Older versions stay, so what was sent can always be explained. When it is the newest
 * version, the activity's listed distance and moving time become its summary's, so the activity
 * list, the detail, the report and weekly load all give the run the same figures (a triathlon's
 * run leg, not the whole race; what a truncated file's records hold, not what its session claims).
 */
export async function saveAnalysis(
  db: Db,
  activityId: string,
  analysis: RunAnalysis,
  computedAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO analyses (activity_id, analysis_version, analysis, computed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (activity_id, analysis_version) DO UPDATE SET analysis = EXCLUDED.analysis, computed_at = EXCLUDED.computed_at`,
    [activityId, analysis.version, JSON.stringify(analysis), computedAt],
  );
  await db.query(
    `UPDATE activities SET distance_m = $2, moving_time_s = $3
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM analyses WHERE activity_id = $1 AND analysis_version > $4)`,
    [
      activityId,
      finiteOrNull(analysis.summary.distanceM),
      finiteOrNull(analysis.summary.movingTimeS),
      analysis.version,
    ],
  );
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The analysis of an activity at `version`, or the newest version stored when `version` is omitted. */
export async function getAnalysis(
  db: Db,
  activityId: string,
  version?: number,
): Promise<StoredAnalysis | null> {
  const { rows } = await db.query<StoredAnalysis>(
    `SELECT activity_id::text AS "activityId", analysis_version AS "analysisVersion", analysis, computed_at AS "computedAt"
     FROM analyses WHERE activity_id::text = $1 AND ($2::int IS NULL OR analysis_version = $2)
     ORDER BY analysis_version DESC LIMIT 1`,
    [activityId, version ?? null],
  );
  return rows[0] ?? null;
}

/**
 * Ids of activities (oldest first) that have samples but no analysis at `version`: what a new
 * analysis version has to recompute.
 */
export async function activitiesNeedingAnalysis(db: Db, version: number, limit = 100): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT ac.id::text AS id FROM activities ac JOIN samples s ON s.activity_id = ac.id
     WHERE NOT EXISTS (SELECT 1 FROM analyses an WHERE an.activity_id = ac.id AND an.analysis_version = $1)
     ORDER BY ac.start_time LIMIT $2`,
    [version, limit],
  );
  return rows.map((r) => r.id);
}
