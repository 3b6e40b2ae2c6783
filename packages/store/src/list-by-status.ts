import type { Db } from './db.ts';

/** What a listing of files or outbox rows may be narrowed to; left out, every athlete and status. */
export interface StatusListFilter<Status extends string> {
  readonly athleteId?: string | null;
  readonly status?: Status | null;
  readonly limit?: number;
}

/** A table with `athlete_id` and `status` columns, as one listing reads it. */
export interface StatusListing {
  readonly table: 'files' | 'outbox';
  /** The table's alias, which `columns` and `orderBy` use. */
  readonly alias: string;
  readonly columns: string;
  /** `ORDER BY` list, newest first. */
  readonly orderBy: string;
  readonly defaultLimit: number;
}

/**
 * Rows of `listing.table` for one athlete and/or one status (all of them when left out), in the
 * listing's order: the one query behind `listFiles` and `listOutbox`.
 */
export async function listByStatus<Row>(
  db: Db,
  listing: StatusListing,
  filter: StatusListFilter<string>,
): Promise<Row[]> {
  const t = listing.alias;
  const { rows } = await db.query<Row>(
    `SELECT ${listing.columns} FROM ${listing.table} ${t}
     WHERE ($1::text IS NULL OR ${t}.athlete_id::text = $1) AND ($2::text IS NULL OR ${t}.status = $2)
     ORDER BY ${listing.orderBy} LIMIT $3`,
    [filter.athleteId ?? null, filter.status ?? null, filter.limit ?? listing.defaultLimit],
  );
  return rows;
}
