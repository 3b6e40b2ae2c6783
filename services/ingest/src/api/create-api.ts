import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { INTERNAL, isCodedError } from '@runcue/errors';
import type { Db } from '@runcue/store';
import { archiveLimits, printable } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestQueue, Logger } from '@runcue/operations';
import { registerActivitiesRoutes } from './activities-routes.ts';
import { fromFastifyCode, httpStatusFor } from './error-codes.ts';
import { openApiDocument } from './openapi.ts';
import { readRawBody } from './raw-body.ts';
import { MAX_FORM_FILES } from './read-upload.ts';
import { createTokenCheck } from './token-check.ts';
import { registerUploadRoute, registerUploadStatusRoute } from './upload-route.ts';
import { registerPainRoute } from '../routes/pain.ts';
import { registerUnsubscribeRoutes, type UnsubscribeVerifier } from '../routes/unsubscribe.ts';

export interface ApiOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  /** Largest upload body accepted, in bytes (RUNCUE_MAX_FILE_BYTES). */
  readonly maxBytes: number;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly limits?: ArchiveLimits;
  /** Serves the unsubscribe links emails carry; without it they are not served. */
  readonly unsubscribe?: UnsubscribeVerifier | null;
  /** Lets an upload sent with `Prefer: respond-async` be answered once kept (`createIngestQueue`). */
  readonly queue?: IngestQueue | null;
}

const RAW_TYPES = [
  'application/octet-stream',
  'application/zip',
  'application/gzip',
  'application/vnd.ant.fit',
  'application/fit',
];

/**
 * The HTTP API: uploads, the athlete's activities, health and the OpenAPI document. Not yet
 * listening: call `listen` (or `inject` in tests). Every error answers
 * `{ error: { code, message } }` with the status `error-codes.ts` assigns, never a stack trace.
 */
export function createApi(opts: ApiOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: opts.maxBytes, forceCloseConnections: true });
  const limits = opts.limits ?? archiveLimits(opts.maxBytes);
  void app.register(multipart, {
    limits: { fileSize: opts.maxBytes, files: MAX_FORM_FILES, fields: 10, parts: MAX_FORM_FILES + 10 },
  });
  app.addContentTypeParser(RAW_TYPES, (_request: FastifyRequest, payload: IncomingMessage) =>
    readRawBody(payload, opts.maxBytes),
  );

  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    let code: string;
    let message = err.message;
    if (isCodedError(err)) code = err.code;
    else {
      const fastifyErr = err as FastifyError;
      code = fromFastifyCode(fastifyErr.code, fastifyErr.statusCode) ?? INTERNAL;
      if (code === 'FILE_TOO_LARGE') message = `The upload is larger than ${opts.maxBytes} bytes.`;
      if (code === 'TOO_MANY_FILES')
        message = `The form holds too many files; send at most ${MAX_FORM_FILES}, or a zip of them.`;
      if (code === 'INVALID_REQUEST' && fastifyErr.code === 'FST_FIELDS_LIMIT')
        message = 'The form holds too many fields that are not files; send only files.';
      if (code === 'UNSUPPORTED_MEDIA_TYPE')
        message = 'Send the file as application/octet-stream or as multipart/form-data.';
    }
    if (code === INTERNAL) {
      // A bug, a refused connection, a full disk: runcue's failure, said as such; details go to the log.
      // One log line whatever the error says: its newlines (a stack trace's too) are escaped.
      opts.logger.error(printable(`${request.method} ${request.url}: ${err.stack ?? err.message}`));
      message = 'runcue could not handle this request; the server log has the details.';
    }
    void reply.code(httpStatusFor(code)).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `${request.method} ${request.url.split('?')[0] ?? ''} does not exist.`,
      },
    });
  });

  const document = openApiDocument();
  app.get('/api/v1/openapi.json', () => document);
  app.get('/healthz', async () => {
    await opts.db.query('SELECT 1');
    return { status: 'ok' as const };
  });
  // Every route's token is looked up through one check, which asks for concurrent requests' tokens together.
  const tokens = createTokenCheck(opts.db, opts.clock);
  registerUploadRoute(app, {
    db: opts.db,
    tokens,
    ingestFile: opts.ingestFile,
    maxBytes: opts.maxBytes,
    limits,
    now: opts.clock,
    queue: opts.queue ?? null,
  });
  registerUploadStatusRoute(app, { db: opts.db, tokens });
  registerActivitiesRoutes(app, { db: opts.db, tokens });
  registerPainRoute(app, { db: opts.db, now: opts.clock, tokens });
  if (opts.unsubscribe) registerUnsubscribeRoutes(app, { db: opts.db, links: opts.unsubscribe });
  return app;
}
