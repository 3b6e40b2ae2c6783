import type { RunAnalysis } from '@runcue/analysis';
import type { ActivityWithoutSamples, Samples } from '@runcue/fit';
import { activityRowValues } from './activities.ts';
import type { Db } from './db.ts';
import { FILE_COLUMNS, type FileRecord, type NewFile } from './files.ts';
import { encodeRawFile } from './raw-file-codec.ts';
import { encodeSamplesRow, type EncodedSamples } from './samples-codec.ts';

/** What an arriving run may already be, found in one query (`findRunMatches`). */
export interface RunMatches {
  /** The athlete's file with the same bytes (sha256), or null. */
  readonly file: FileRecord | null;
  /** The athlete's activity with the same FIT file_id (serial number + time created), or null. */
  readonly sameFileId: string | null;
  /** The earliest activity that is the same run from elsewhere (`findSameRun`'s rule), or null. */
  readonly sameRun: string | null;
  /** The athlete's default shoe, or null. */
  readonly defaultShoeId: string | null;
}

export interface RunKey {
  readonly athleteId: string;
  readonly sha256: string;
  readonly serialNumber: number | null;
  readonly timeCreated: string | null;
  readonly startTime: string | Date;
  readonly distanceM: number | null;
}

/**
 * `findFileBySha256`, `findActivityByFitFileId`, `findSameRun` (a start within 60 s, a distance
 * within 2 %) and the default shoe's id, in one round trip: what an ingest asks before it stores
 * a decoded run. Null file_id parts never match.
 */
export async function findRunMatches(db: Db, key: RunKey): Promise<RunMatches> {
  const { rows } = await db.query<FileRecord & Omit<RunMatches, 'file'>>(
    `SELECT ${FILE_COLUMNS},
       (SELECT ac.id::text FROM activities ac WHERE ac.athlete_id = $1 AND ac.fit_serial_number = $3
          AND ac.fit_time_created = $4::timestamptz) AS "sameFileId",
       (SELECT ac.id::text FROM activities ac WHERE ac.athlete_id = $1
          AND ac.start_time BETWEEN $5::timestamptz - interval '60 seconds' AND $5::timestamptz + interval '60 seconds'
          AND ((ac.distance_m IS NULL OR ac.distance_m = 0) AND coalesce($6::float8, 0) = 0
               OR abs(ac.distance_m - $6::float8) <= 0.02 * greatest(ac.distance_m, $6::float8))
          ORDER BY ac.start_time, ac.created_at LIMIT 1) AS "sameRun",
       (SELECT s.id::text FROM shoes s WHERE s.athlete_id = $1 AND s.is_default) AS "defaultShoeId"
     FROM (SELECT 1) AS one LEFT JOIN files f ON f.athlete_id = $1 AND f.sha256 = $2`,
    [
      key.athleteId,
      key.sha256,
      key.serialNumber,
      key.timeCreated,
      key.startTime,
      finiteOrNull(key.distanceM),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('findRunMatches returned no row');
  const { sameFileId, sameRun, defaultShoeId, ...file } = row;
  return { file: file.id === null ? null : file, sameFileId, sameRun, defaultShoeId };
}

export interface NewRun {
  /** The file row; its status is 'imported'. */
  readonly file: Omit<NewFile, 'status' | 'error' | 'duplicate'>;
  readonly activity: ActivityWithoutSamples;
  readonly distanceM: number | null;
  readonly movingTimeS: number | null;
  readonly shoeId: string | null;
  /** The samples, or `encodeSamplesRow(samples)` done elsewhere (a worker thread). */
  readonly samples: Samples | EncodedSamples;
  readonly analysis: RunAnalysis;
  readonly createdAt: Date;
}

/**
 * Stores a new run in one statement: its file row (status 'imported'), its activity, samples and
 * analysis, what `insertFile`, `insertActivity`, `saveSamples` and `saveAnalysis` write one query
 * each. Returns null when the athlete already has a file with these bytes or an activity with
 * this FIT file_id: call it inside the file's transaction, and roll that back on null (the file
 * row may have been written). The caller checks both first (`findRunMatches`) under its lock.
 */
export async function insertRun(db: Db, run: NewRun): Promise<{ fileId: string; activityId: string } | null> {
  const f = run.file;
  const raw = f.bytes === null || !(f.bytes instanceof Uint8Array) ? f.bytes : encodeRawFile(f.bytes);
  const samples = 'formatVersion' in run.samples ? run.samples : encodeSamplesRow(run.samples);
  const { rows } = await db.query<{ fileId: string; activityId: string | null }>(
    `WITH f AS (
       INSERT INTO files (athlete_id, sha256, size_bytes, original_name, arrival, from_archive, origin, bytes,
         bytes_encoding, status, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bytea, $9, 'imported', $10)
       ON CONFLICT (athlete_id, sha256) DO NOTHING RETURNING id
     ), a AS (
       INSERT INTO activities (athlete_id, file_id, sport, sub_sport, start_time, local_offset_s, fit_serial_number,
         fit_time_created, device_manufacturer, device_product, integrity, distance_m, moving_time_s, metadata,
         shoe_id, created_at)
       SELECT $1::uuid, f.id, $11::text, $12::text, $13::timestamptz, $14::integer, $15::bigint, $16::timestamptz,
         $17::text, $18::text, $19::text, $20::float8, $21::float8, $22::jsonb, $23::uuid, $24::timestamptz FROM f
       ON CONFLICT (athlete_id, fit_serial_number, fit_time_created) DO NOTHING RETURNING id
     ), s AS (
       INSERT INTO samples (activity_id, format_version, sample_count, channels)
       SELECT a.id, $25::smallint, $26::integer, $27::bytea FROM a
     ), x AS (
       INSERT INTO analyses (activity_id, analysis_version, analysis, computed_at)
       SELECT a.id, $28::integer, $29::jsonb, $24::timestamptz FROM a
     )
     SELECT f.id::text AS "fileId", a.id::text AS "activityId" FROM f LEFT JOIN a ON true`,
    [
      f.athleteId,
      f.sha256,
      f.sizeBytes,
      f.originalName,
      f.arrival,
      f.fromArchive,
      f.origin,
      raw?.stored ?? null,
      raw?.encoding ?? 0,
      f.receivedAt,
      ...activityRowValues(run.activity, run.distanceM, run.movingTimeS),
      run.shoeId,
      run.createdAt,
      samples.formatVersion,
      samples.sampleCount,
      samples.bytes,
      run.analysis.version,
      JSON.stringify(run.analysis),
    ],
  );
  const row = rows[0];
  return row && row.activityId !== null ? { fileId: row.fileId, activityId: row.activityId } : null;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
