import { createHash } from 'node:crypto';
import { ATHLETE_COLUMNS, type Athlete } from './athletes.ts';
import { oneRow, type Db } from './db.ts';
import { StoreError } from './store-error.ts';

/** An API token as listed: never the token itself, which is shown once at creation. */
export interface ApiToken {
  id: string;
  athleteId: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_PREFIX = 'rct_';

/** sha256 (hex) of a token: the only form the store keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Create an API token for an athlete from caller-supplied random bytes (the service passes
 * `crypto.randomBytes(32)`; at least 16 are required). Returns the plain token, which is not
 * stored and cannot be recovered: only its sha256 is kept.
 */
export async function createToken(
  db: Db,
  athleteId: string,
  label: string | null,
  randomBytes: Uint8Array,
  now: Date,
): Promise<{ token: string; id: string }> {
  if (randomBytes.byteLength < 16) {
    throw new StoreError(
      'INVALID_TOKEN_SEED',
      `A token needs at least 16 random bytes, got ${randomBytes.byteLength}.`,
    );
  }
  const token = TOKEN_PREFIX + Buffer.from(randomBytes).toString('base64url');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (athlete_id, token_sha256, label, created_at)
     SELECT a.id, $2, $3, $4 FROM athletes a WHERE a.id::text = $1 RETURNING id::text AS id`,
    [athleteId, hashToken(token), label, now],
  );
  const row = rows[0];
  if (!row) throw new StoreError('ATHLETE_NOT_FOUND', `No athlete has the id ${athleteId}.`);
  return { token, id: row.id };
}

/** A token's `last_used_at` is written at most this often (every request would serialise on its row). */
const TOKEN_USE_GRANULARITY_S = 60;

/**
 * The athlete a bearer token belongs to, or null for an unknown or revoked token. When `now` is
 * given the token's `last_used_at` is updated, once a minute at most (`TOKEN_USE_GRANULARITY_S`):
 * a client sending many requests at once with one token then does not write (and wait on) the
 * token's row for each of them, only the first of each minute does.
 */
export async function findAthleteByToken(db: Db, token: string, now?: Date): Promise<Athlete | null> {
  return (await findAthletesByTokens(db, [token], now)).get(token) ?? null;
}

/**
 * `findAthleteByToken` for several tokens in one statement: the athlete of each token that is
 * known and not revoked, by token (the others are absent). A server checking the tokens of many
 * requests at once asks once for all of them instead of once a request.
 */
export async function findAthletesByTokens(
  db: Db,
  tokens: readonly string[],
  now?: Date,
): Promise<Map<string, Athlete>> {
  const byHash = new Map(tokens.map((token) => [hashToken(token), token]));
  const hashes = [...byHash.keys()];
  const { rows } =
    now === undefined
      ? await db.query<Athlete & { tokenSha256: string }>(
          `SELECT t.token_sha256 AS "tokenSha256", ${ATHLETE_COLUMNS}
           FROM athletes a JOIN api_tokens t ON t.athlete_id = a.id
           WHERE t.token_sha256 = ANY($1::text[]) AND t.revoked_at IS NULL`,
          [hashes],
        )
      : // The UPDATE re-checks last_used_at on the row it waited for, so of concurrent first uses
        // only one writes; the athlete is found whether or not this request wrote it.
        await db.query<Athlete & { tokenSha256: string }>(
          `WITH t AS (
             SELECT token_sha256, athlete_id FROM api_tokens
             WHERE token_sha256 = ANY($1::text[]) AND revoked_at IS NULL
           ), used AS (
             UPDATE api_tokens SET last_used_at = $2
             WHERE token_sha256 = ANY($1::text[]) AND revoked_at IS NULL
               AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3))
           )
           SELECT t.token_sha256 AS "tokenSha256", ${ATHLETE_COLUMNS} FROM athletes a JOIN t ON t.athlete_id = a.id`,
          [hashes, now, TOKEN_USE_GRANULARITY_S],
        );
  const found = new Map<string, Athlete>();
  for (const { tokenSha256, ...athlete } of rows) {
    const token = byHash.get(tokenSha256);
    if (token !== undefined) found.set(token, athlete);
  }
  return found;
}

const TOKEN_COLUMNS = `id::text AS id, athlete_id::text AS "athleteId", label, created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** An athlete's tokens, newest first, without their secrets. */
export async function listTokens(db: Db, athleteId: string): Promise<ApiToken[]> {
  const { rows } = await db.query<ApiToken>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE athlete_id::text = $1 ORDER BY created_at DESC`,
    [athleteId],
  );
  return rows;
}

/** Revoke a token by id; returns it, or null when there is no such (unrevoked) token. */
export async function revokeToken(db: Db, tokenId: string, now: Date): Promise<ApiToken | null> {
  const { rows } = await db.query<ApiToken>(
    `UPDATE api_tokens SET revoked_at = $2 WHERE id::text = $1 AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`,
    [tokenId, now],
  );
  return rows.length === 0 ? null : oneRow(rows);
}
