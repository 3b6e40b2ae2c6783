import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { runFor, storedActivityReport, storedActivitySummary } from '@runcue/operations';
import { listActivities } from '@runcue/store';
import type { Db } from '@runcue/store';
import type { activityDetailSchema, activitySummarySchema } from './api-schemas.ts';
import { activitiesQuerySchema, activityParamsSchema } from './api-schemas.ts';
import { authenticate } from './authenticate.ts';
import type { TokenCheck } from './token-check.ts';
import { ApiError } from './error-codes.ts';

/**
 * `GET /api/v1/activities?since=` and `GET /api/v1/activities/:id`, both scoped to the token's
 * athlete: another athlete's run answers 404 RUN_NOT_FOUND, exactly as a run that does not exist.
 */
export function registerActivitiesRoutes(app: FastifyInstance, opts: { db: Db; tokens: TokenCheck }): void {
  app.get('/api/v1/activities', async (request) => {
    const athlete = await authenticate(request, opts.tokens);
    const query = activitiesQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError('INVALID_REQUEST', describe(query.error.issues[0]));
    const since = query.data.since === undefined ? null : new Date(query.data.since);
    const rows = await listActivities(opts.db, athlete.id, { since, limit: query.data.limit ?? 1000 });
    const activities: Array<z.infer<typeof activitySummarySchema>> = rows.map(storedActivitySummary);
    return { activities };
  });

  app.get('/api/v1/activities/:id', async (request) => {
    const athlete = await authenticate(request, opts.tokens);
    const params = activityParamsSchema.safeParse(request.params);
    const id = params.success ? params.data.id : '';
    const report: z.infer<typeof activityDetailSchema> = await storedActivityReport(
      opts.db,
      await runFor(opts.db, athlete, id),
    );
    return report;
  });
}

function describe(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'The request is malformed.';
  const where = issue.path.map(String).join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}
