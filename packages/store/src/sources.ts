import type { Db } from './db.ts';
import { StoreError, isId } from './store-error.ts';

/**
 * Where an athlete's files come from: a folder watched on disk, whatever Garmin watch is
 * connected (found wherever the desktop mounts it), or an intervals.icu account polled over its
 * API.
 */
export type SourceKind = 'folder' | 'watch' | 'intervals';

/** A source as listed: never its secret (see `getSourceSecret`). */
export interface Source {
  id: string;
  athleteId: string;
  kind: SourceKind;
  /**
   * What the source names: the absolute folder for `folder`, `*` (any connected watch) for
   * `watch`, the intervals.icu athlete id (e.g. `i12345`) for `intervals`.
   */
  path: string;
  /** Kind-specific settings, e.g. `{ since: '2026-01-01' }` for intervals.icu. */
  settings: Record<string, unknown>;
  createdAt: Date;
  /** When the last sync of a remote source finished without an error. */
  lastSyncedAt: Date | null;
  /** The last sync's failure, kept until a sync succeeds. */
  lastError: { code: string; message: string; at: Date } | null;
}

/** The path a `watch` source stores: it stands for any Garmin watch that gets connected. */
export const ANY_WATCH = '*';

interface SourceRow extends Omit<Source, 'lastError'> {
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastErrorAt: Date | null;
}

const SOURCE_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", kind, path, settings, created_at AS "createdAt",
  last_synced_at AS "lastSyncedAt", last_error_code AS "lastErrorCode", last_error_message AS "lastErrorMessage",
  last_error_at AS "lastErrorAt"`;

function toSource(row: SourceRow): Source {
  const { lastErrorCode, lastErrorMessage, lastErrorAt, ...rest } = row;
  return {
    ...rest,
    lastError:
      lastErrorCode === null || lastErrorAt === null
        ? null
        : { code: lastErrorCode, message: lastErrorMessage ?? '', at: lastErrorAt },
  };
}

const WHAT: Record<SourceKind, (path: string) => string> = {
  folder: (p) => `The folder ${p} is already watched`,
  watch: () => 'A connected watch is already synced',
  intervals: (p) => `The intervals.icu athlete ${p} is already synced`,
};

/**
 * Adds a source of any kind, or returns the existing one when the same athlete adds it again
 * (with `settings`, and `secret` when given, replaced: re-adding is how a new API key is set). A
 * source already taken by another athlete is refused with `SOURCE_TAKEN`.
 */
async function upsertSource(
  db: Db,
  input: {
    athleteId: string;
    kind: SourceKind;
    path: string;
    settings?: Record<string, unknown>;
    secret?: string | null;
  },
  now: Date,
): Promise<Source> {
  if (!isId(input.athleteId)) {
    throw new StoreError('ATHLETE_NOT_FOUND', `No athlete has the id ${input.athleteId}.`);
  }
  return db.transaction(async (tx) => {
    const athlete = await tx.query('SELECT 1 FROM athletes WHERE id = $1', [input.athleteId]);
    if (athlete.rows.length === 0) {
      throw new StoreError('ATHLETE_NOT_FOUND', `No athlete has the id ${input.athleteId}.`);
    }
    const { rows } = await tx.query<SourceRow>(
      `INSERT INTO sources (athlete_id, kind, path, settings, secret, created_at)
       SELECT a.id, $2, $3, $4::jsonb, $5, $6 FROM athletes a WHERE a.id = $1
       ON CONFLICT (kind, path) DO NOTHING RETURNING ${SOURCE_COLUMNS}`,
      [
        input.athleteId,
        input.kind,
        input.path,
        JSON.stringify(input.settings ?? {}),
        input.secret ?? null,
        now,
      ],
    );
    if (rows[0]) return toSource(rows[0]);
    const existing = await tx.query<SourceRow>(
      `SELECT ${SOURCE_COLUMNS} FROM sources WHERE kind = $1 AND path = $2`,
      [input.kind, input.path],
    );
    const source = existing.rows[0];
    if (!source) throw new Error('source row neither inserted nor found');
    if (source.athleteId !== input.athleteId) {
      throw new StoreError('SOURCE_TAKEN', `${WHAT[input.kind](input.path)} for another athlete.`);
    }
    if (input.settings === undefined && input.secret === undefined) return toSource(source);
    const updated = await tx.query<SourceRow>(
      `UPDATE sources SET settings = COALESCE($2::jsonb, settings), secret = COALESCE($3, secret)
       WHERE id = $1 RETURNING ${SOURCE_COLUMNS}`,
      [source.id, input.settings === undefined ? null : JSON.stringify(input.settings), input.secret ?? null],
    );
    const row = updated.rows[0];
    if (!row) throw new Error('source row vanished inside its transaction');
    return toSource(row);
  });
}

/**
 * Watch a folder for an athlete. Adding the same folder twice for the same athlete returns the
 * existing source; a folder already watched for someone else is refused with `SOURCE_TAKEN`.
 */
export function addSource(db: Db, athleteId: string, path: string, now: Date): Promise<Source> {
  return upsertSource(db, { athleteId, kind: 'folder', path }, now);
}

/**
 * Sync whatever Garmin watch gets connected (over MTP or as USB storage) for an athlete. There is
 * one such source: a second athlete asking for it is refused with `SOURCE_TAKEN`.
 */
export function addWatchSource(db: Db, athleteId: string, now: Date): Promise<Source> {
  return upsertSource(db, { athleteId, kind: 'watch', path: ANY_WATCH }, now);
}

/**
 * Sync an intervals.icu account for an athlete: its athlete id, the personal API key (kept as
 * given, since it must be sent; never listed, see `getSourceSecret`) and the local date from which
 * activities are fetched. Adding it again for the same athlete replaces the key and the date.
 */
export function addIntervalsSource(
  db: Db,
  input: { athleteId: string; intervalsAthleteId: string; apiKey: string; since: string },
  now: Date,
): Promise<Source> {
  return upsertSource(
    db,
    {
      athleteId: input.athleteId,
      kind: 'intervals',
      path: input.intervalsAthleteId,
      settings: { since: input.since },
      secret: input.apiKey,
    },
    now,
  );
}

/** All sources (every athlete's when `athleteId` is omitted), oldest first. */
export async function listSources(db: Db, athleteId?: string): Promise<Source[]> {
  const { rows } = await db.query<SourceRow>(
    `SELECT ${SOURCE_COLUMNS} FROM sources WHERE $1::text IS NULL OR athlete_id::text = $1 ORDER BY created_at, path`,
    [athleteId ?? null],
  );
  return rows.map(toSource);
}

/** One source by id, or null. */
export async function getSource(db: Db, sourceId: string): Promise<Source | null> {
  if (!isId(sourceId)) return null;
  const { rows } = await db.query<SourceRow>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [
    sourceId,
  ]);
  return rows[0] ? toSource(rows[0]) : null;
}

/**
 * The secret a remote source authenticates with (the intervals.icu API key), or null. Kept apart
 * from `listSources` so a listing, a log line or a JSON dump of sources can never carry it.
 */
export async function getSourceSecret(db: Db, sourceId: string): Promise<string | null> {
  if (!isId(sourceId)) return null;
  const { rows } = await db.query<{ secret: string | null }>('SELECT secret FROM sources WHERE id = $1', [
    sourceId,
  ]);
  return rows[0]?.secret ?? null;
}

/** Stop watching or syncing a source; true when something was removed. */
export async function removeSource(db: Db, sourceId: string): Promise<boolean> {
  const { rows } = await db.query(`DELETE FROM sources WHERE id::text = $1 RETURNING id`, [sourceId]);
  return rows.length > 0;
}
