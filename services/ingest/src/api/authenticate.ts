import type { FastifyRequest } from 'fastify';
import { findAthleteByToken } from '@runcue/store';
import type { Athlete, Db } from '@runcue/store';
import { ApiError } from './error-codes.ts';

/**
 * The athlete behind `Authorization: Bearer <token>`, or a 401 `ApiError`: AUTH_MISSING when no
 * bearer token was sent, AUTH_INVALID when it is unknown or revoked.
 */
export async function authenticate(request: FastifyRequest, db: Db, now: () => Date): Promise<Athlete> {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined)
    throw new ApiError(
      'AUTH_MISSING',
      'Send an API token as "Authorization: Bearer <token>" (runcue athlete token <athlete>).',
    );
  const athlete = await findAthleteByToken(db, token, now());
  if (!athlete) throw new ApiError('AUTH_INVALID', 'That API token is unknown or was revoked.');
  return athlete;
}
