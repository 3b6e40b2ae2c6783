import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { PainMilestoneKind } from '@runcue/analysis';
import { logPain, painAdviceJson, recordPainMilestone, runFor } from '@runcue/operations';
import type { Db } from '@runcue/store';
import { painBodySchema, painMilestoneBodySchema } from '../api/api-schemas.ts';
import { authenticate } from '../api/authenticate.ts';
import type { TokenCheck } from '../api/token-check.ts';
import { ApiError } from '../api/error-codes.ts';

function parsed<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ApiError(
    'INVALID_REQUEST',
    `${issue?.path.map(String).join('.') || 'body'}: ${issue?.message ?? 'is invalid'}`,
  );
}

/**
 * `POST /api/v1/pain`: log a pain entry for the token's athlete and answer with the entry and the
 * coach's immediate advice as items (`{ id, kind, message, reason, source }`, safety first), the
 * same advice `runcue pain --json` prints. `POST /api/v1/pain/cleared` records that a
 * professional has cleared the runner after a red flag (the only way one is lifted) and
 * `/api/v1/pain/return-done` that the walk/run return plan is done; both answer with the advice
 * as it stands afterwards. 201 on success; a bad body is 400 INVALID_REQUEST, an unknown run 404 RUN_NOT_FOUND.
 */
export function registerPainRoute(
  app: FastifyInstance,
  opts: { db: Db; now: () => Date; tokens: TokenCheck },
): void {
  app.post('/api/v1/pain', async (request, reply) => {
    const athlete = await authenticate(request, opts.tokens);
    const b = parsed(painBodySchema.safeParse(request.body));
    const activityId = b.run == null ? null : (await runFor(opts.db, athlete, b.run)).id;
    const now = opts.now();
    const { run: _run, ...report } = b;
    const logged = await logPain(opts.db, athlete, { ...report, activityId }, now);
    return reply.code(201).send({ entry: logged.entry, ...painAdviceJson(logged) });
  });

  const milestone = (kind: PainMilestoneKind) => async (request: FastifyRequest, reply: FastifyReply) => {
    const athlete = await authenticate(request, opts.tokens);
    const body = parsed(painMilestoneBodySchema.safeParse(request.body ?? null));
    const recorded = await recordPainMilestone(opts.db, athlete, kind, opts.now(), body?.note ?? null);
    return reply.code(201).send({ milestone: recorded.milestone, ...painAdviceJson(recorded) });
  };
  app.post('/api/v1/pain/cleared', milestone('cleared'));
  app.post('/api/v1/pain/return-done', milestone('return-done'));
}
