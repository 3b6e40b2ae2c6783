import type { ShoeRecord } from '@runcue/analysis';
import { oneRow, type Db } from './db.ts';
import { StoreError } from './store-error.ts';

/** A pair of shoes and how far it has gone. */
export interface Shoe {
  id: string;
  athleteId: string;
  name: string;
  startedAt: Date;
  retiredAt: Date | null;
  isDefault: boolean;
  /** Distance already on the shoe when it was added, m. */
  startDistanceM: number;
  /** Warn from this total, m (default 300 miles). */
  warnAtM: number;
  /** startDistanceM plus every activity counted against the shoe, m. */
  totalDistanceM: number;
}

export interface NewShoe {
  name: string;
  startedAt: Date;
  startDistanceM?: number;
  warnAtM?: number;
  /** Make it the shoe new runs are counted against (default true). */
  makeDefault?: boolean;
}

const SHOE_COLUMNS = `s.id::text AS id, s.athlete_id::text AS "athleteId", s.name, s.started_at AS "startedAt",
  s.retired_at AS "retiredAt", s.is_default AS "isDefault", s.start_distance_m AS "startDistanceM", s.warn_at_m AS "warnAtM",
  s.start_distance_m + coalesce((SELECT sum(ac.distance_m) FROM activities ac WHERE ac.shoe_id = s.id), 0) AS "totalDistanceM"`;

/** Add a shoe; by default it becomes the athlete's default shoe (the previous default stays active). */
export async function addShoe(db: Db, athleteId: string, shoe: NewShoe): Promise<Shoe> {
  return db.transaction(async (tx) => {
    const makeDefault = shoe.makeDefault ?? true;
    if (makeDefault)
      await tx.query('UPDATE shoes SET is_default = false WHERE athlete_id = $1 AND is_default', [athleteId]);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO shoes (athlete_id, name, started_at, is_default, start_distance_m, warn_at_m)
       VALUES ($1, $2, $3, $4, coalesce($5::float8, 0), coalesce($6::float8, 482803.2)) RETURNING id::text AS id`,
      [athleteId, shoe.name, shoe.startedAt, makeDefault, shoe.startDistanceM ?? null, shoe.warnAtM ?? null],
    );
    return mustGet(tx, oneRow(rows).id);
  });
}

/** Make a shoe the athlete's default (un-retiring it if needed). Throws `SHOE_NOT_FOUND`. */
export async function setDefaultShoe(db: Db, athleteId: string, shoeId: string): Promise<Shoe> {
  return db.transaction(async (tx) => {
    await mustGet(tx, shoeId, athleteId);
    await tx.query('UPDATE shoes SET is_default = false WHERE athlete_id = $1 AND is_default', [athleteId]);
    await tx.query('UPDATE shoes SET is_default = true, retired_at = NULL WHERE id = $1', [shoeId]);
    return mustGet(tx, shoeId);
  });
}

/** Retire a shoe: no longer the default, no new runs counted against it. Throws `SHOE_NOT_FOUND`. */
export async function retireShoe(db: Db, athleteId: string, shoeId: string, at: Date): Promise<Shoe> {
  await mustGet(db, shoeId, athleteId);
  await db.query('UPDATE shoes SET retired_at = $2, is_default = false WHERE id = $1', [shoeId, at]);
  return mustGet(db, shoeId);
}

/** The athlete's shoes, active first, then by start date. */
export async function listShoes(db: Db, athleteId: string): Promise<Shoe[]> {
  const { rows } = await db.query<Shoe>(
    `SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.athlete_id::text = $1 ORDER BY s.retired_at IS NOT NULL, s.started_at, s.name`,
    [athleteId],
  );
  return rows;
}

/** The shoe new runs are counted against, or null. */
export async function defaultShoe(db: Db, athleteId: string): Promise<Shoe | null> {
  const { rows } = await db.query<Shoe>(
    `SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.athlete_id = $1 AND s.is_default`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/**
 * The athlete's shoes as trends want them: distance on each before `before` (initial mileage plus
 * runs that started earlier) and its warning distance.
 */
export async function shoeRecords(db: Db, athleteId: string, before: Date): Promise<ShoeRecord[]> {
  const { rows } = await db.query<ShoeRecord>(
    `SELECT s.id::text AS id, s.name, s.warn_at_m AS "warnAtM",
       s.start_distance_m + coalesce((SELECT sum(ac.distance_m) FROM activities ac WHERE ac.shoe_id = s.id AND ac.start_time < $2), 0)
         AS "distanceBeforeM"
     FROM shoes s WHERE s.athlete_id::text = $1 ORDER BY s.started_at`,
    [athleteId, before],
  );
  return rows;
}

async function mustGet(db: Db, shoeId: string, athleteId?: string): Promise<Shoe> {
  const { rows } = await db.query<Shoe>(
    `SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.id::text = $1 AND ($2::text IS NULL OR s.athlete_id::text = $2)`,
    [shoeId, athleteId ?? null],
  );
  const shoe = rows[0];
  if (!shoe) throw new StoreError('SHOE_NOT_FOUND', `No shoe ${shoeId} for this athlete.`);
  return shoe;
}
