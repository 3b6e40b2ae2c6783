import type { FastifyRequest } from 'fastify';
import type { Athlete } from '@runcue/store';
import { ApiError } from './error-codes.ts';
import type { TokenCheck } from './token-check.ts';

/**
 * The athlete behind `Authorization: Bearer <token>`, or a 401 `ApiError`: AUTH_MISSING when no
 * bearer token was sent, AUTH_INVALID when it is unknown or revoked.
 */
export async function authenticate(request: FastifyRequest, tokens: TokenCheck): Promise<Athlete> {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined)
    throw new ApiError(
      'AUTH_MISSING',
      'Send an API token as "Authorization: Bearer <token>" (runcue athlete token <athlete>).',
    );
  const athlete = await tokens.athleteFor(token);
  if (!athlete) throw new ApiError('AUTH_INVALID', 'That API token is unknown or was revoked.');
  return athlete;
}
