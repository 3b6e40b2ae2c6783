import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Athlete, Db } from '@runcue/store';
import { printable, uploadFile, uploadFiles, uploadStatus } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestQueue, UploadAnswer, UploadPart } from '@runcue/operations';
import { uploadParamsSchema, uploadQuerySchema, type uploadStatusSchema } from './api-schemas.ts';
import { authenticate } from './authenticate.ts';
import { ApiError, httpStatusFor } from './error-codes.ts';
import { checkedUploadName } from './upload-name.ts';
import { readUpload, type UploadPart as FormPart } from './read-upload.ts';
import { createUploadGate } from './upload-gate.ts';
import type { TokenCheck } from './token-check.ts';

/**
 * Uploads read and processed at once; the others wait, unread, in arrival order (`upload-gate.ts`).
 * Enough to keep the ingest workers and the database busy (a few per core), few enough that the
 * first to arrive are answered first, and that the bodies held in memory at once stay bounded
 * however many clients send at once.
 */
const CONCURRENT_UPLOADS = 8;

export interface UploadRouteOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly maxBytes: number;
  readonly limits: ArchiveLimits;
  readonly now: () => Date;
  /** Finds the athlete behind each request's token. */
  readonly tokens: TokenCheck;
  /** Answers `Prefer: respond-async` uploads once kept; without it every upload is read first. */
  readonly queue?: IngestQueue | null;
}

/**
 * `POST /api/v1/uploads`: one FIT file (or a .fit.gz, or a zip of them) as a raw body, or any
 * number of them as the files of a multipart form. A single FIT answers 201/200/422; a zip, or a
 * form with several files, answers with one result per file, where one bad file (a bad name, an
 * unsafe zip entry, a file that cannot be decoded) costs only itself. One FIT file sent with
 * `Prefer: respond-async` answers 202 once it is kept, with where to ask for its outcome.
 */
export function registerUploadRoute(app: FastifyInstance, opts: UploadRouteOptions): void {
  const gate = createUploadGate(CONCURRENT_UPLOADS);
  const athletes = new WeakMap<FastifyRequest, Athlete>();
  // The token is checked first (a wrong one waits for nothing), then the upload waits its turn,
  // its body still unread: only uploads with a turn are read and held in memory.
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    athletes.set(request, await authenticate(request, opts.tokens));
    await gate.enter(reply.raw);
  };
  app.post('/api/v1/uploads', { onRequest: admit }, async (request, reply) => {
    const athlete = athletes.get(request);
    if (!athlete) throw new Error('an upload reached its handler without its token checked');
    const query = uploadQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError('INVALID_REQUEST', query.error.issues[0]?.message ?? 'bad query');
    const parts = await readUpload(request, opts.maxBytes);
    // The athlete the token check read: its files are read with it, not looked up again.
    const upload = { ...opts, athleteId: athlete.id, athlete, origin: request.ip };
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined) {
      const name = checkedUploadName(query.data.name ?? only.fileName, only.bytes);
      if (only.bytes.byteLength === 0) throw new ApiError('MALFORMED_UPLOAD', 'The upload is empty.');
      const respondAsync = prefersAsync(request.headers.prefer);
      return answer(reply, await uploadFile({ name, bytes: only.bytes }, { ...upload, respondAsync }));
    }
    if (parts.length === 0) throw new ApiError('MALFORMED_UPLOAD', 'The multipart form holds no file.');
    if (query.data.name !== undefined) {
      throw new ApiError(
        'INVALID_REQUEST',
        `name= names one file, and this form holds ${parts.length}; leave it out (each file's own name is used).`,
      );
    }
    return answer(reply, { kind: 'many', ...(await uploadFiles(parts.map(checkedPart), upload)) });
  });
}

/**
 * `GET /api/v1/uploads/:fileId`: where a file the token's athlete uploaded is (pending until it has
 * been read). Another athlete's file answers UPLOAD_NOT_FOUND, as one that does not exist.
 */
export function registerUploadStatusRoute(app: FastifyInstance, opts: { db: Db; tokens: TokenCheck }): void {
  app.get('/api/v1/uploads/:fileId', async (request): Promise<z.infer<typeof uploadStatusSchema>> => {
    const athlete = await authenticate(request, opts.tokens);
    const params = uploadParamsSchema.safeParse(request.params);
    const status = params.success ? await uploadStatus(opts.db, athlete.id, params.data.fileId) : null;
    if (!status) throw new ApiError('UPLOAD_NOT_FOUND', 'No upload of yours has that id.');
    return status;
  });
}

/** `Prefer: respond-async` (RFC 7240), among other preferences or alone. */
function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((v) =>
    v.split(',').some((p) => p.trim().split(';')[0]?.trim().toLowerCase() === 'respond-async'),
  );
}

/** One file of a multipart form, or why it is refused unread (its name, or nothing in it). */
function checkedPart(part: FormPart, index: number): UploadPart {
  try {
    const name = checkedUploadName(part.fileName, part.bytes);
    if (part.bytes.byteLength === 0) throw new ApiError('MALFORMED_UPLOAD', 'The file is empty.');
    return { name, bytes: part.bytes };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const name = part.fileName === null ? `file ${index + 1}` : printable(part.fileName);
    return { name, refused: { code: err.code, message: err.message } };
  }
}

function answer(reply: FastifyReply, a: UploadAnswer): FastifyReply {
  switch (a.kind) {
    case 'pending':
      return reply
        .code(202)
        .header('location', `/api/v1/uploads/${a.fileId}`)
        .header('preference-applied', 'respond-async')
        .send({ fileId: a.fileId, status: 'pending' });
    case 'one': {
      const o = a.outcome;
      if (o.status === 'imported')
        return reply.code(201).send({ activityId: o.activityId, fileId: o.fileId });
      if (o.status === 'duplicate')
        return reply.code(200).send({ duplicateOf: o.duplicateOf, reason: o.reason, fileId: o.fileId });
      return reply.code(httpStatusFor(o.error.code)).send({ error: o.error, fileId: o.fileId });
    }
    case 'many': {
      const { files, imported, duplicates, failed } = a;
      return reply.code(imported > 0 ? 201 : 200).send({ files, imported, duplicates, failed });
    }
    case 'empty-archive':
      throw new ApiError('ARCHIVE_EMPTY', `${a.name} holds no .fit, .fit.gz or .zip files.`);
  }
}
