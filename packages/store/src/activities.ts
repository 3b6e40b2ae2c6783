import type { Activity, ActivityWithoutSamples } from '@runcue/fit';
import type { Db } from './db.ts';
import { isId } from './store-error.ts';

/** What the store keeps about an activity besides samples and analyses. */
export interface ActivityRecord {
  id: string;
  athleteId: string;
  fileId: string;
  sport: string;
  subSport: string | null;
  startTime: Date;
  localOffsetS: number | null;
  fitSerialNumber: number | null;
  fitTimeCreated: Date | null;
  deviceManufacturer: string | null;
  deviceProduct: string | null;
  integrity: Activity['integrity'];
  distanceM: number | null;
  movingTimeS: number | null;
  /** The decoded metadata: file id, device, sensors, sessions, laps, timer events, warnings. */
  metadata: ActivityMetadata;
  duplicateOf: string | null;
  shoeId: string | null;
  createdAt: Date;
}

export type ActivityMetadata = Pick<
  Activity,
  'fileId' | 'device' | 'sensors' | 'sessions' | 'laps' | 'timerEvents' | 'warnings' | 'repairs'
>;

export interface NewActivity {
  athleteId: string;
  fileId: string;
  activity: ActivityWithoutSamples;
  distanceM: number | null;
  movingTimeS: number | null;
  shoeId: string | null;
  createdAt: Date;
}

export const ACTIVITY_COLUMNS = `ac.id::text AS id, ac.athlete_id::text AS "athleteId", ac.file_id::text AS "fileId", ac.sport,
  ac.sub_sport AS "subSport", ac.start_time AS "startTime", ac.local_offset_s AS "localOffsetS",
  ac.fit_serial_number::float8 AS "fitSerialNumber", ac.fit_time_created AS "fitTimeCreated",
  ac.device_manufacturer AS "deviceManufacturer", ac.device_product AS "deviceProduct", ac.integrity,
  ac.distance_m AS "distanceM", ac.moving_time_s AS "movingTimeS", ac.metadata, ac.duplicate_of::text AS "duplicateOf",
  ac.shoe_id::text AS "shoeId", ac.created_at AS "createdAt"`;

/**
 * Insert an activity decoded from a stored file. Returns its id, or null when the athlete already
 * has an activity with the same FIT file_id (serial number + time created): the caller records
 * the file as a duplicate of that one.
 */
export async function insertActivity(db: Db, input: NewActivity): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO activities (athlete_id, file_id, sport, sub_sport, start_time, local_offset_s, fit_serial_number,
       fit_time_created, device_manufacturer, device_product, integrity, distance_m, moving_time_s, metadata, shoe_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (athlete_id, fit_serial_number, fit_time_created) DO NOTHING RETURNING id::text AS id`,
    [
      input.athleteId,
      input.fileId,
      ...activityRowValues(input.activity, input.distanceM, input.movingTimeS),
      input.shoeId,
      input.createdAt,
    ],
  );
  return rows[0]?.id ?? null;
}

/**
 * An activity row's values from `sport` to `metadata`, in the columns' order (what every insert
 * of an activity writes between its ids and its shoe).
 */
export function activityRowValues(
  a: ActivityWithoutSamples,
  distanceM: number | null,
  movingTimeS: number | null,
): unknown[] {
  return [
    a.sport,
    a.subSport,
    a.startTime,
    a.localOffsetS === null ? null : Math.round(a.localOffsetS),
    a.fileId.serialNumber,
    a.fileId.timeCreated,
    a.device.manufacturer,
    a.device.product,
    a.integrity,
    finiteOrNull(distanceM),
    finiteOrNull(movingTimeS),
    JSON.stringify(activityMetadata(a)),
  ];
}

/** What `activities.metadata` keeps of a decoded activity. */
export function activityMetadata(a: ActivityWithoutSamples): ActivityMetadata {
  return {
    fileId: a.fileId,
    device: a.device,
    sensors: a.sensors,
    sessions: a.sessions,
    laps: a.laps,
    timerEvents: a.timerEvents,
    warnings: a.warnings,
    repairs: a.repairs ?? [],
  };
}

/** The athlete's activity with this FIT file_id, or null (null parts never match). */
export async function findActivityByFitFileId(
  db: Db,
  athleteId: string,
  serialNumber: number | null,
  timeCreated: string | null,
): Promise<string | null> {
  if (serialNumber === null || timeCreated === null) return null;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM activities WHERE athlete_id = $1 AND fit_serial_number = $2 AND fit_time_created = $3`,
    [athleteId, serialNumber, timeCreated],
  );
  return rows[0]?.id ?? null;
}

/**
 * The athlete's earliest activity that is the same run recorded elsewhere: a start within
 * `windowS` seconds (default 60) and a distance within `tolerance` (default 2%) of the larger one.
 * A missing distance only matches a missing or zero distance.
 */
export async function findSameRun(
  db: Db,
  athleteId: string,
  startTime: string | Date,
  distanceM: number | null,
  options: { windowS?: number; tolerance?: number } = {},
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM activities
     WHERE athlete_id = $1 AND start_time BETWEEN $2::timestamptz - make_interval(secs => $3) AND $2::timestamptz + make_interval(secs => $3)
       AND ((distance_m IS NULL OR distance_m = 0) AND coalesce($4::float8, 0) = 0
            OR abs(distance_m - $4::float8) <= $5 * greatest(distance_m, $4::float8))
     ORDER BY start_time, created_at LIMIT 1`,
    [athleteId, startTime, options.windowS ?? 60, finiteOrNull(distanceM), options.tolerance ?? 0.02],
  );
  return rows[0]?.id ?? null;
}

/** One activity by id, or null. */
export async function getActivity(db: Db, id: string): Promise<ActivityRecord | null> {
  if (!isId(id)) return null;
  const { rows } = await db.query<ActivityRecord>(
    `SELECT ${ACTIVITY_COLUMNS} FROM activities ac WHERE ac.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** An athlete's activities starting at or after `since` (all when null), newest first. */
export async function listActivities(
  db: Db,
  athleteId: string,
  options: { since?: Date | null; until?: Date | null; limit?: number } = {},
): Promise<ActivityRecord[]> {
  if (!isId(athleteId)) return [];
  const { rows } = await db.query<ActivityRecord>(
    `SELECT ${ACTIVITY_COLUMNS} FROM activities ac
     WHERE ac.athlete_id = $1 AND ($2::timestamptz IS NULL OR ac.start_time >= $2) AND ($3::timestamptz IS NULL OR ac.start_time < $3)
     ORDER BY ac.start_time DESC LIMIT $4`,
    [athleteId, options.since ?? null, options.until ?? null, options.limit ?? 1000],
  );
  return rows;
}

/** Count a run against a shoe (or none with null). */
export async function setActivityShoe(db: Db, activityId: string, shoeId: string | null): Promise<void> {
  await db.query('UPDATE activities SET shoe_id = $2 WHERE id = $1', [activityId, shoeId]);
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
