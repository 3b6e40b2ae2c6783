import type { Db } from './db.ts';
import { isId } from './store-error.ts';

/**
 * The state a remote source keeps between syncs, so a restart resumes where it stopped: an opaque
 * cursor the sync owns (a JSON value), the items already handled, and how the last sync went.
 */

/** The cursor a remote source's sync saved last, or null before its first sync. */
export async function getSourceCursor(db: Db, sourceId: string): Promise<unknown> {
  if (!isId(sourceId)) return null;
  const { rows } = await db.query<{ cursor: unknown }>('SELECT cursor FROM sources WHERE id = $1', [
    sourceId,
  ]);
  return rows[0]?.cursor ?? null;
}

/** Saves a remote source's cursor (any JSON value). */
export async function saveSourceCursor(db: Db, sourceId: string, cursor: unknown): Promise<void> {
  await db.query('UPDATE sources SET cursor = $2::jsonb WHERE id = $1', [sourceId, JSON.stringify(cursor)]);
}

/**
 * Records how a sync of a remote source ended: a success clears the last error and sets
 * `last_synced_at`; a failure keeps the last success and stores the error until a sync succeeds.
 */
export async function recordSourceSync(
  db: Db,
  sourceId: string,
  outcome: { ok: true } | { ok: false; code: string; message: string },
  at: Date,
): Promise<void> {
  if (outcome.ok) {
    await db.query(
      `UPDATE sources SET last_synced_at = $2, last_error_code = NULL, last_error_message = NULL,
         last_error_at = NULL WHERE id = $1`,
      [sourceId, at],
    );
  } else {
    await db.query(
      `UPDATE sources SET last_error_code = $2, last_error_message = $3, last_error_at = $4 WHERE id = $1`,
      [sourceId, outcome.code, outcome.message, at],
    );
  }
}

/** How one remote item ended: imported, a duplicate, failed (quarantined or refused), or skipped. */
export interface SourceItem {
  sourceId: string;
  /** The remote id, e.g. an intervals.icu activity id. */
  itemId: string;
  /** The file it produced, when it produced one. */
  fileId: string | null;
  outcome: string;
  /** Why it was skipped or failed, in words. */
  detail: string | null;
  handledAt: Date;
}

/** Records a remote item as handled; recording it again keeps the first record. */
export async function recordSourceItem(db: Db, item: SourceItem): Promise<void> {
  await db.query(
    `INSERT INTO source_items (source_id, item_id, file_id, outcome, detail, handled_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_id, item_id) DO NOTHING`,
    [item.sourceId, item.itemId, item.fileId, item.outcome, item.detail, item.handledAt],
  );
}

/** Which of `itemIds` this source has already handled. */
export async function handledSourceItems(
  db: Db,
  sourceId: string,
  itemIds: readonly string[],
): Promise<Set<string>> {
  if (itemIds.length === 0 || !isId(sourceId)) return new Set();
  const { rows } = await db.query<{ itemId: string }>(
    `SELECT item_id AS "itemId" FROM source_items WHERE source_id = $1 AND item_id = ANY($2::text[])`,
    [sourceId, [...itemIds]],
  );
  return new Set(rows.map((r) => r.itemId));
}

/** How many items a source has handled, per outcome. */
export async function countSourceItems(db: Db, sourceId: string): Promise<Record<string, number>> {
  if (!isId(sourceId)) return {};
  const { rows } = await db.query<{ outcome: string; n: number }>(
    `SELECT outcome, count(*)::int AS n FROM source_items WHERE source_id = $1 GROUP BY outcome ORDER BY outcome`,
    [sourceId],
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}
