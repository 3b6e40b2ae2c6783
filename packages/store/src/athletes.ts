import { isTimeZone, type Units } from '@runcue/analysis';
import { parseAthleteSettings, type AthleteSettings } from './athlete-settings.ts';
import { oneRow as one, type Db } from './db.ts';
import { StoreError, isId } from './store-error.ts';

/** A runner and the settings coaching and the weekly review use. */
export interface Athlete {
  id: string;
  name: string;
  email: string;
  /** IANA zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  cadenceThresholdSpm: number;
  /** ISO weekday of the weekly review: 1 = Monday … 7 = Sunday. */
  weeklyReviewDay: number;
  /** Local time of the weekly review, 'HH:MM'. */
  weeklyReviewTime: string;
  units: Units;
  /** Email switches and per-athlete threshold overrides, checked by `athleteSettingsSchema` when written. */
  settings: AthleteSettings;
  createdAt: Date;
}

export type NewAthlete = Pick<Athlete, 'name' | 'email'> &
  Partial<
    Pick<
      Athlete,
      'timeZone' | 'cadenceThresholdSpm' | 'weeklyReviewDay' | 'weeklyReviewTime' | 'units' | 'settings'
    >
  >;

export const ATHLETE_COLUMNS = `a.id::text AS id, a.name, a.email, a.time_zone AS "timeZone",
  a.cadence_threshold_spm AS "cadenceThresholdSpm", a.weekly_review_day AS "weeklyReviewDay",
  a.weekly_review_time AS "weeklyReviewTime", a.units, a.settings, a.created_at AS "createdAt"`;

/**
 * Add an athlete. The time zone is checked against the runtime's IANA database and the email
 * for a plausible shape; defaults: UTC, 170 spm, Monday 07:00, metric.
 */
export async function createAthlete(db: Db, input: NewAthlete, now: Date): Promise<Athlete> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone))
    throw new StoreError(
      'INVALID_ATHLETE',
      `"${timeZone}" is not a known time zone (try e.g. Europe/Berlin).`,
    );
  if (!/^[^@\s]+@[^@\s]+$/.test(input.email))
    throw new StoreError('INVALID_ATHLETE', `"${input.email}" does not look like an email address.`);
  if (input.name.trim() === '') throw new StoreError('INVALID_ATHLETE', 'The athlete needs a name.');
  await refuseTakenEmail(db, input.email, null);
  const { rows } = await db.query<Athlete>(
    `INSERT INTO athletes AS a (name, email, time_zone, cadence_threshold_spm, weekly_review_day, weekly_review_time, units, settings, created_at)
     VALUES ($1, $2, $3, coalesce($4, 170), coalesce($5, 1), coalesce($6, '07:00'), coalesce($7, 'km'), coalesce($8, '{}'::jsonb), $9)
     RETURNING ${ATHLETE_COLUMNS}`,
    [
      input.name.trim(),
      input.email,
      timeZone,
      input.cadenceThresholdSpm ?? null,
      input.weeklyReviewDay ?? null,
      input.weeklyReviewTime ?? null,
      input.units ?? null,
      input.settings === undefined ? null : JSON.stringify(parseAthleteSettings(input.settings)),
      now,
    ],
  );
  return one(rows);
}

/** The athlete with this id, or null. */
export async function getAthlete(db: Db, id: string): Promise<Athlete | null> {
  if (!isId(id)) return null;
  const { rows } = await db.query<Athlete>(`SELECT ${ATHLETE_COLUMNS} FROM athletes a WHERE a.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Every athlete, oldest first. */
export async function listAthletes(db: Db): Promise<Athlete[]> {
  const { rows } = await db.query<Athlete>(
    `SELECT ${ATHLETE_COLUMNS} FROM athletes a ORDER BY a.created_at, a.name`,
  );
  return rows;
}

/**
 * Resolve what a person typed (an id, an email or a name, case-insensitive) to one athlete.
 * Throws `ATHLETE_NOT_FOUND` or, when a name or email matches several, `ATHLETE_AMBIGUOUS`.
 */
export async function resolveAthlete(db: Db, ref: string): Promise<Athlete> {
  const byId = await getAthlete(db, ref);
  if (byId) return byId;
  const { rows } = await db.query<Athlete>(
    `SELECT ${ATHLETE_COLUMNS} FROM athletes a WHERE lower(a.email) = lower($1) OR lower(a.name) = lower($1) ORDER BY a.created_at`,
    [ref.trim()],
  );
  if (rows.length === 0)
    throw new StoreError('ATHLETE_NOT_FOUND', `No athlete is called or has the email "${ref}".`);
  if (rows.length > 1)
    throw new StoreError('ATHLETE_AMBIGUOUS', `${rows.length} athletes match "${ref}"; use the id instead.`);
  return one(rows);
}

/** Change some of an athlete's settings; returns the updated athlete or null when the id is unknown. */
export async function updateAthlete(db: Db, id: string, patch: Partial<NewAthlete>): Promise<Athlete | null> {
  if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
    throw new StoreError('INVALID_ATHLETE', `"${patch.timeZone}" is not a known time zone.`);
  }
  if (!isId(id)) return null;
  if (patch.email !== undefined) await refuseTakenEmail(db, patch.email, id);
  const { rows } = await db.query<Athlete>(
    `UPDATE athletes a SET name = coalesce($2, a.name), email = coalesce($3, a.email), time_zone = coalesce($4, a.time_zone),
       cadence_threshold_spm = coalesce($5, a.cadence_threshold_spm), weekly_review_day = coalesce($6, a.weekly_review_day),
       weekly_review_time = coalesce($7, a.weekly_review_time), units = coalesce($8, a.units), settings = coalesce($9::jsonb, a.settings)
     WHERE a.id = $1 RETURNING ${ATHLETE_COLUMNS}`,
    [
      id,
      patch.name ?? null,
      patch.email ?? null,
      patch.timeZone ?? null,
      patch.cadenceThresholdSpm ?? null,
      patch.weeklyReviewDay ?? null,
      patch.weeklyReviewTime ?? null,
      patch.units ?? null,
      patch.settings === undefined ? null : JSON.stringify(parseAthleteSettings(patch.settings)),
    ],
  );
  return rows[0] ?? null;
}

/**
 * Two runners with one email address would get each other's health data: an address already
 * used by another athlete (case-insensitive) is refused with ATHLETE_EMAIL_TAKEN.
 */
async function refuseTakenEmail(db: Db, email: string, exceptId: string | null): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT name FROM athletes WHERE lower(email) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid) LIMIT 1`,
    [email.trim(), exceptId],
  );
  const [other] = rows;
  if (other)
    throw new StoreError(
      'ATHLETE_EMAIL_TAKEN',
      `${other.name} already has the email ${email.trim()}; each runner needs their own address`,
    );
}

/**
 * Remove an athlete and everything of theirs (runs, files, pain log, shoes, sources, tokens,
 * queued mail). Returns false when there was no such athlete.
 */
export async function deleteAthlete(db: Db, id: string): Promise<boolean> {
  if (!isId(id)) return false;
  const { rows } = await db.query('DELETE FROM athletes WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}
