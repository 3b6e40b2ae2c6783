import type { FastifyInstance } from 'fastify';
import { logPain } from '@runcue/notifier';
import { runFor } from '@runcue/operations';
import type { Db } from '@runcue/store';
import { painBodySchema } from '../api/api-schemas.ts';
import { authenticate } from '../api/authenticate.ts';
import { ApiError } from '../api/error-codes.ts';

/**
 * `POST /api/v1/pain`: log a pain entry for the token's athlete and answer with the entry and the
 * coach's immediate advice (stop-and-rest with the walk/run return at 3/10 or more; a doctor or
 * physio for a red flag), the same advice `runcue pain` prints. 201 on success; a bad body is
 * 400 INVALID_REQUEST, an unknown run 404 RUN_NOT_FOUND.
 */
export function registerPainRoute(app: FastifyInstance, opts: { db: Db; now: () => Date }): void {
  app.post('/api/v1/pain', async (request, reply) => {
    const athlete = await authenticate(request, opts.db, opts.now);
    const body = painBodySchema.safeParse(request.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new ApiError(
        'INVALID_REQUEST',
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is invalid'}`,
      );
    }
    const b = body.data;
    const activityId = b.run == null ? null : (await runFor(opts.db, athlete, b.run)).id;
    const now = opts.now();
    const { entry, advice } = await logPain(
      opts.db,
      athlete,
      { score: b.score, where: b.where ?? null, flags: b.flags, activityId, note: b.note ?? null, at: now },
      now,
    );
    return reply.code(201).send({ entry, advice });
  });
}
