import { toRunRecordAnalysis, type RunAnalysis, type RunRecord } from '@runcue/analysis';
import type { Db } from './db.ts';
import { isId } from './store-error.ts';

/**
 * The athlete's runs starting in [from, to) as the compact records multi-run trends work from,
 * oldest first. Only activities whose newest stored analysis says it is a run are included.
 */
export async function listRunRecords(db: Db, athleteId: string, from: Date, to: Date): Promise<RunRecord[]> {
  if (!isId(athleteId)) return [];
  const { rows } = await db.query<{
    id: string;
    startTime: Date;
    localOffsetS: number | null;
    shoeId: string | null;
    analysis: RunAnalysis;
  }>(
    `SELECT ac.id::text AS id, ac.start_time AS "startTime", ac.local_offset_s AS "localOffsetS",
            ac.shoe_id::text AS "shoeId", an.analysis
     FROM activities ac
     JOIN LATERAL (SELECT analysis FROM analyses WHERE activity_id = ac.id ORDER BY analysis_version DESC LIMIT 1) an ON true
     WHERE ac.athlete_id = $1 AND ac.start_time >= $2 AND ac.start_time < $3 AND (an.analysis->>'isRun')::boolean
     ORDER BY ac.start_time`,
    [athleteId, from, to],
  );
  return rows.map((r) => ({
    activityId: r.id,
    startTime: r.startTime.toISOString(),
    localOffsetS: r.localOffsetS,
    distanceM: r.analysis.summary.distanceM,
    runningTimeS: r.analysis.summary.runningTimeS,
    movingTimeS: r.analysis.summary.movingTimeS,
    shoeId: r.shoeId,
    analysis: toRunRecordAnalysis(r.analysis),
  }));
}

const IS_RUN = `(SELECT (analysis->>'isRun')::boolean FROM analyses WHERE activity_id = ac.id ORDER BY analysis_version DESC LIMIT 1)`;

/**
 * When the athlete's first stored run started, or null without runs. Trends need it to tell a
 * runner who is new to runcue (no history to compare a week with) from one who took weeks off.
 */
export async function firstRunStart(db: Db, athleteId: string): Promise<Date | null> {
  if (!isId(athleteId)) return null;
  const { rows } = await db.query<{ startTime: Date }>(
    `SELECT ac.start_time AS "startTime" FROM activities ac WHERE ac.athlete_id = $1 AND ${IS_RUN} ORDER BY ac.start_time LIMIT 1`,
    [athleteId],
  );
  return rows[0]?.startTime ?? null;
}

/**
 * Start times of the athlete's runs starting in [from, to), oldest first: the same runs as
 * `listRunRecords` without their analyses, for questions like "did they run in these weeks?".
 */
export async function listRunStartTimes(db: Db, athleteId: string, from: Date, to: Date): Promise<Date[]> {
  if (!isId(athleteId)) return [];
  const { rows } = await db.query<{ startTime: Date }>(
    `SELECT ac.start_time AS "startTime" FROM activities ac
     WHERE ac.athlete_id = $1 AND ac.start_time >= $2 AND ac.start_time < $3 AND ${IS_RUN}
     ORDER BY ac.start_time`,
    [athleteId, from, to],
  );
  return rows.map((r) => r.startTime);
}
