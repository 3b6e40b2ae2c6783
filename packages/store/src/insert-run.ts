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
 * The select list of a run's matches, for the athlete `$1`, bytes `$2`, FIT file_id `serial` and
 * `created`, start `start` and distance `distance` (placeholders with their casts): the file with
 * these bytes (`FILE_COLUMNS`, all null when there is none), then "sameFileId", "sameRun" and
 * "defaultShoeId". `findSameRun`'s rule: a start within 60 s, a distance within 2 %.
 */
function runMatchesSelect(serial: string, created: string, start: string, distance: string): string {
  return `SELECT ${FILE_COLUMNS},
       (SELECT ac.id::text FROM activities ac WHERE ac.athlete_id = $1 AND ac.fit_serial_number = ${serial}
          AND ac.fit_time_created = ${created}) AS "sameFileId",
       (SELECT ac.id::text FROM activities ac WHERE ac.athlete_id = $1
          AND ac.start_time BETWEEN ${start} - interval '60 seconds' AND ${start} + interval '60 seconds'
          AND ((ac.distance_m IS NULL OR ac.distance_m = 0) AND coalesce(${distance}, 0) = 0
               OR abs(ac.distance_m - ${distance}) <= 0.02 * greatest(ac.distance_m, ${distance}))
          ORDER BY ac.start_time, ac.created_at LIMIT 1) AS "sameRun",
       (SELECT s.id::text FROM shoes s WHERE s.athlete_id = $1 AND s.is_default) AS "defaultShoeId"
     FROM (SELECT 1) AS one LEFT JOIN files f ON f.athlete_id = $1 AND f.sha256 = $2`;
}

type MatchesRow = FileRecord & Omit<RunMatches, 'file'>;

function matchesOf(row: MatchesRow): RunMatches {
  const { sameFileId, sameRun, defaultShoeId, ...file } = row;
  return { file: file.id === null ? null : file, sameFileId, sameRun, defaultShoeId };
}

/**
 * `findFileBySha256`, `findActivityByFitFileId`, `findSameRun` (a start within 60 s, a distance
 * within 2 %) and the default shoe's id, in one round trip: what an ingest asks before it stores
 * a decoded run. Null file_id parts never match.
 */
export async function findRunMatches(db: Db, key: RunKey): Promise<RunMatches> {
  const { rows } = await db.query<MatchesRow>(
    runMatchesSelect('$3', '$4::timestamptz', '$5::timestamptz', '$6::float8'),
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
  return matchesOf(row);
}

export interface NewRun {
  /** The file row; its status is 'imported'. */
  readonly file: Omit<NewFile, 'status' | 'error' | 'duplicate'>;
  readonly activity: ActivityWithoutSamples;
  readonly distanceM: number | null;
  readonly movingTimeS: number | null;
  /** Wear the athlete's default shoe, if they have one (a run does, a ride does not). */
  readonly withDefaultShoe: boolean;
  /** The samples, or `encodeSamplesRow(samples)` done elsewhere (a worker thread). */
  readonly samples: Samples | EncodedSamples;
  readonly analysis: RunAnalysis;
  readonly createdAt: Date;
}

/** What `insertRun` found, and what it stored (null when it found the run already there). */
export interface InsertedRun {
  readonly matches: RunMatches;
  readonly stored: { readonly fileId: string; readonly activityId: string } | null;
}

/**
 * Stores a new run in one statement unless the athlete already has it: looks up what
 * `findRunMatches` answers (for the file's bytes, the activity's FIT file_id, start and
 * `distanceM`) and, when it is none of those, writes its file row (status 'imported'), its
 * activity (with the default shoe when `withDefaultShoe`), samples and analysis, what
 * `insertFile`, `insertActivity`, `saveSamples` and `saveAnalysis` write one query each. It
 * returns the matches either way; `stored` is null when one of them is set, and also when the
 * insert met a twin the lookup did not see (then the file row may have been written: roll the
 * transaction back). Call it inside the file's transaction, under the athlete's ingest lock, so
 * that no twin can commit between the lookup and the write (they are one statement and see one
 * snapshot).
 */
export async function insertRun(db: Db, run: NewRun): Promise<InsertedRun> {
  const f = run.file;
  const raw = f.bytes === null || !(f.bytes instanceof Uint8Array) ? f.bytes : encodeRawFile(f.bytes);
  const samples = 'formatVersion' in run.samples ? run.samples : encodeSamplesRow(run.samples);
  // The lookup reads the activity's own values: $13 start, $15 FIT serial, $16 time created,
  // $20 distance.
  const { rows } = await db.query<
    MatchesRow & { storedFileId: string | null; storedActivityId: string | null }
  >(
    `WITH m AS (
       ${runMatchesSelect('$15::bigint', '$16::timestamptz', '$13::timestamptz', '$20::float8')}
     ), nf AS (
       INSERT INTO files (athlete_id, sha256, size_bytes, original_name, arrival, from_archive, origin, bytes,
         bytes_encoding, status, received_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8::bytea, $9, 'imported', $10 FROM m
       WHERE m.id IS NULL AND m."sameFileId" IS NULL AND m."sameRun" IS NULL
       ON CONFLICT (athlete_id, sha256) DO NOTHING RETURNING id
     ), na AS (
       INSERT INTO activities (athlete_id, file_id, sport, sub_sport, start_time, local_offset_s, fit_serial_number,
         fit_time_created, device_manufacturer, device_product, integrity, distance_m, moving_time_s, metadata,
         shoe_id, created_at)
       SELECT $1::uuid, nf.id, $11::text, $12::text, $13::timestamptz, $14::integer, $15::bigint, $16::timestamptz,
         $17::text, $18::text, $19::text, $20::float8, $21::float8, $22::jsonb,
         CASE WHEN $23::boolean THEN m."defaultShoeId"::uuid END, $24::timestamptz FROM nf, m
       ON CONFLICT (athlete_id, fit_serial_number, fit_time_created) DO NOTHING RETURNING id
     ), ns AS (
       INSERT INTO samples (activity_id, format_version, sample_count, channels)
       SELECT na.id, $25::smallint, $26::integer, $27::bytea FROM na
     ), nx AS (
       INSERT INTO analyses (activity_id, analysis_version, analysis, computed_at)
       SELECT na.id, $28::integer, $29::jsonb, $24::timestamptz FROM na
     )
     SELECT m.*, nf.id::text AS "storedFileId", na.id::text AS "storedActivityId"
     FROM m LEFT JOIN nf ON true LEFT JOIN na ON true`,
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
      run.withDefaultShoe,
      run.createdAt,
      samples.formatVersion,
      samples.sampleCount,
      samples.bytes,
      run.analysis.version,
      JSON.stringify(run.analysis),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('insertRun returned no row');
  const { storedFileId, storedActivityId, ...matches } = row;
  return {
    matches: matchesOf(matches),
    stored:
      storedFileId !== null && storedActivityId !== null
        ? { fileId: storedFileId, activityId: storedActivityId }
        : null,
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
