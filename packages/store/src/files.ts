import { createHash } from 'node:crypto';
import { oneRow, type Db } from './db.ts';
import { listByStatus, type StatusListFilter, type StatusListing } from './list-by-status.ts';
import { RawFileCodecError, decodeRawFile, encodeRawFile, type EncodedRawFile } from './raw-file-codec.ts';
import { isId } from './store-error.ts';

/** `pending`: stored with its bytes and answered at once, not read yet (an upload sent async). */
export type FileStatus = 'pending' | 'imported' | 'duplicate' | 'failed';
/** How a file arrived: a watched folder, the upload API, `runcue import` or an intervals.icu sync. */
export type FileArrival = 'folder' | 'upload' | 'cli' | 'intervals';
export type DuplicateReason = 'same-bytes' | 'same-file-id' | 'same-run';

/** One received file as listed (without its bytes). */
export interface FileRecord {
  id: string;
  athleteId: string;
  sha256: string;
  sizeBytes: number;
  originalName: string;
  arrival: FileArrival;
  /** True when it was taken out of a zip, however the zip arrived. */
  fromArchive: boolean;
  origin: string | null;
  status: FileStatus;
  errorCode: string | null;
  errorMessage: string | null;
  duplicateOf: string | null;
  duplicateReason: DuplicateReason | null;
  /** The activity this file produced, when it was imported. */
  activityId: string | null;
  receivedAt: Date;
}

/** A file to record: the listed fields it is received with, its bytes and its outcome so far. */
export interface NewFile extends Pick<
  FileRecord,
  | 'athleteId'
  | 'sha256'
  | 'sizeBytes'
  | 'originalName'
  | 'arrival'
  | 'fromArchive'
  | 'origin'
  | 'status'
  | 'receivedAt'
> {
  /**
   * Raw bytes, kept so a failed or old file can be decoded again; null when refused unread (too
   * large). Stored compressed (`raw-file-codec.ts`); pass `encodeRawFile(bytes)` to have that done
   * elsewhere (a worker thread) rather than inside the transaction.
   */
  bytes: Uint8Array | EncodedRawFile | null;
  error?: { code: string; message: string } | null;
  duplicate?: { of: string; reason: DuplicateReason } | null;
}

/** The columns of a `FileRecord`, selected from `files f`. */
export const FILE_COLUMNS = `f.id::text AS id, f.athlete_id::text AS "athleteId", f.sha256, f.size_bytes AS "sizeBytes",
  f.original_name AS "originalName", f.arrival, f.from_archive AS "fromArchive", f.origin, f.status, f.error_code AS "errorCode",
  f.error_message AS "errorMessage", f.duplicate_of::text AS "duplicateOf", f.duplicate_reason AS "duplicateReason",
  (SELECT ac.id::text FROM activities ac WHERE ac.file_id = f.id) AS "activityId", f.received_at AS "receivedAt"`;

/**
 * Record a received file. Returns its id, or null when the athlete already has a file with the
 * same sha256 (the unique key), so a concurrent twin turns into a duplicate instead of an error.
 */
export async function insertFile(db: Db, file: NewFile): Promise<string | null> {
  const raw =
    file.bytes === null || !(file.bytes instanceof Uint8Array) ? file.bytes : encodeRawFile(file.bytes);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO files (athlete_id, sha256, size_bytes, original_name, arrival, from_archive, origin, bytes, status,
       error_code, error_message, duplicate_of, duplicate_reason, received_at, bytes_encoding)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (athlete_id, sha256) DO NOTHING RETURNING id::text AS id`,
    [
      file.athleteId,
      file.sha256,
      file.sizeBytes,
      file.originalName,
      file.arrival,
      file.fromArchive,
      file.origin,
      raw?.stored ?? null,
      file.status,
      file.error?.code ?? null,
      file.error?.message ?? null,
      file.duplicate?.of ?? null,
      file.duplicate?.reason ?? null,
      file.receivedAt,
      raw?.encoding ?? 0,
    ],
  );
  return rows[0]?.id ?? null;
}

/** The athlete's file with these bytes (by sha256), or null. */
export async function findFileBySha256(
  db: Db,
  athleteId: string,
  sha256: string,
): Promise<FileRecord | null> {
  const { rows } = await db.query<FileRecord>(
    `SELECT ${FILE_COLUMNS} FROM files f WHERE f.athlete_id = $1 AND f.sha256 = $2`,
    [athleteId, sha256],
  );
  return rows[0] ?? null;
}

/**
 * True when this athlete already has a file recorded from this origin (a path on disk) with this
 * size, so a restart of a watcher or a re-run of an import can skip it without reading it again.
 * Ingest is idempotent by sha256 anyway; this only keeps re-scanning a folder of thousands of old
 * runs cheap (the `files_origin` index answers it).
 */
export async function isKnownFile(
  db: Db,
  athleteId: string,
  origin: string,
  sizeBytes: number,
): Promise<boolean> {
  if (!isId(athleteId)) return false;
  const { rows } = await db.query(
    'SELECT 1 FROM files WHERE origin = $2 AND size_bytes = $3 AND athlete_id = $1 LIMIT 1',
    [athleteId, origin, sizeBytes],
  );
  return rows.length > 0;
}

/** One file by id, or null. */
export async function getFile(db: Db, id: string): Promise<FileRecord | null> {
  if (!isId(id)) return null;
  const { rows } = await db.query<FileRecord>(`SELECT ${FILE_COLUMNS} FROM files f WHERE f.id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * The raw bytes kept for a file, exactly as they arrived, or null when none were kept. They are
 * checked against the file's sha256, so a damaged row is an error (`RAW_FILE_CORRUPT`), never
 * different bytes.
 */
export async function getFileBytes(db: Db, id: string): Promise<Uint8Array | null> {
  if (!isId(id)) return null;
  const { rows } = await db.query<{ bytes: Uint8Array | null; encoding: number; sha256: string }>(
    'SELECT bytes, bytes_encoding AS encoding, sha256 FROM files WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row || row.bytes === null) return null;
  const stored = new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  const bytes = decodeRawFile(stored, row.encoding);
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new RawFileCodecError(`The bytes stored for file ${id} do not match its sha256.`);
  }
  return bytes;
}

/**
 * Change a file's outcome after it was read again (a retried quarantined file, or a file that turned
 * out to duplicate another run). Clears the fields the new status does not use.
 */
export async function setFileOutcome(
  db: Db,
  id: string,
  outcome:
    | { status: 'imported' }
    | { status: 'duplicate'; of: string; reason: DuplicateReason }
    | { status: 'failed'; code: string; message: string },
): Promise<void> {
  await db.query(
    `UPDATE files SET status = $2, error_code = $3, error_message = $4, duplicate_of = $5, duplicate_reason = $6 WHERE id = $1`,
    [
      id,
      outcome.status,
      outcome.status === 'failed' ? outcome.code : null,
      outcome.status === 'failed' ? outcome.message : null,
      outcome.status === 'duplicate' ? outcome.of : null,
      outcome.status === 'duplicate' ? outcome.reason : null,
    ],
  );
}

/** Replace a file's kept bytes (a pending upload kept as it came, once its compact form is known). */
export async function setFileBytes(db: Db, id: string, raw: EncodedRawFile): Promise<void> {
  await db.query('UPDATE files SET bytes = $2, bytes_encoding = $3 WHERE id = $1', [
    id,
    raw.stored,
    raw.encoding,
  ]);
}

const FILE_LISTING: StatusListing = {
  table: 'files',
  alias: 'f',
  columns: FILE_COLUMNS,
  orderBy: 'f.received_at DESC, f.original_name',
  defaultLimit: 1000,
};

/** Files by status (every athlete's when `athleteId` is null), newest first. */
export function listFiles(db: Db, filter: StatusListFilter<FileStatus> = {}): Promise<FileRecord[]> {
  return listByStatus<FileRecord>(db, FILE_LISTING, filter);
}

/** How many files an athlete (or everyone, with null) has per status. */
export async function countFiles(
  db: Db,
  athleteId: string | null,
): Promise<Record<Exclude<FileStatus, 'pending'>, number>> {
  const { rows } = await db.query<{ imported: number; duplicate: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE status = 'imported')::int AS imported,
            count(*) FILTER (WHERE status = 'duplicate')::int AS duplicate,
            count(*) FILTER (WHERE status = 'failed')::int AS failed
     FROM files WHERE $1::text IS NULL OR athlete_id::text = $1`,
    [athleteId],
  );
  return oneRow(rows);
}
