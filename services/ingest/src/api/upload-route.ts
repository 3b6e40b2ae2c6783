import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { getFile, type Db } from '@runcue/store';
import { fileKind, ingestSource, printable } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestItem, IngestQueue } from '@runcue/operations';
import { uploadParamsSchema, uploadQuerySchema, type uploadStatusSchema } from './api-schemas.ts';
import { authenticate } from './authenticate.ts';
import { ApiError, httpStatusFor } from './error-codes.ts';
import { checkedUploadName } from './upload-name.ts';
import { readUpload, type UploadPart } from './read-upload.ts';

export interface UploadRouteOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly maxBytes: number;
  readonly limits: ArchiveLimits;
  readonly now: () => Date;
  /** Answers `Prefer: respond-async` uploads once kept; without it every upload is read first. */
  readonly queue?: IngestQueue | null;
}

/** One line of an upload's per-file answer (a zip's entries, or a multipart form's files). */
type FileResult =
  | { name: string; status: 'imported'; fileId: string; activityId: string }
  | { name: string; status: 'duplicate'; fileId: string; duplicateOf: string; reason: string }
  | { name: string; status: 'failed'; fileId: string | null; error: { code: string; message: string } };

/**
 * `POST /api/v1/uploads`: one FIT file (or a .fit.gz, or a zip of them) as a raw body, or any
 * number of them as the files of a multipart form. A single FIT answers 201/200/422; a zip, or a
 * form with several files, answers with one result per file, where one bad file (a bad name, an
 * unsafe zip entry, a file that cannot be decoded) costs only itself. One FIT file sent with
 * `Prefer: respond-async` answers 202 once it is kept, with where to ask for its outcome.
 */
export function registerUploadRoute(app: FastifyInstance, opts: UploadRouteOptions): void {
  app.post('/api/v1/uploads', async (request, reply) => {
    const athlete = await authenticate(request, opts.db, opts.now);
    const query = uploadQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError('INVALID_REQUEST', query.error.issues[0]?.message ?? 'bad query');
    const parts = await readUpload(request, opts.maxBytes);
    const ingest = async (name: string, bytes: Uint8Array): Promise<IngestItem[]> => {
      const items: IngestItem[] = [];
      const source = { name, bytes };
      for await (const item of ingestSource(source, {
        db: opts.db,
        ingestFile: opts.ingestFile,
        athleteId: athlete.id,
        arrival: 'upload',
        origin: request.ip,
        limits: opts.limits,
        now: opts.now,
      }))
        items.push(item);
      return items;
    };

    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined) {
      const name = checkedUploadName(query.data.name ?? only.fileName, only.bytes);
      if (only.bytes.byteLength === 0) throw new ApiError('MALFORMED_UPLOAD', 'The upload is empty.');
      // One FIT file, asked not to wait: answered once it is kept, read afterwards.
      if (opts.queue && fileKind(name) === 'fit' && prefersAsync(request.headers.prefer)) {
        const accepted = await opts.queue.accept({
          athleteId: athlete.id,
          bytes: only.bytes,
          name,
          arrival: 'upload',
          fromArchive: false,
          origin: request.ip,
        });
        if (accepted.status === 'pending') {
          return reply
            .code(202)
            .header('location', `/api/v1/uploads/${accepted.fileId}`)
            .header('preference-applied', 'respond-async')
            .send({ fileId: accepted.fileId, status: 'pending' });
        }
        return answerOne(reply, name, [{ name: printable(name), outcome: accepted }]);
      }
      return answerOne(reply, name, await ingest(name, only.bytes));
    }
    if (parts.length === 0) throw new ApiError('MALFORMED_UPLOAD', 'The multipart form holds no file.');
    if (query.data.name !== undefined) {
      throw new ApiError(
        'INVALID_REQUEST',
        `name= names one file, and this form holds ${parts.length}; leave it out (each file's own name is used).`,
      );
    }
    const files: FileResult[] = [];
    for (const [i, part] of parts.entries()) {
      const refused = refusal(part, i);
      if (refused) files.push(refused);
      else {
        const name = checkedUploadName(part.fileName, part.bytes);
        files.push(...(await ingest(name, part.bytes)).map(toFileResult));
      }
    }
    return answerMany(reply, files);
  });
}

/**
 * `GET /api/v1/uploads/:fileId`: where a file the token's athlete uploaded is (pending until it has
 * been read). Another athlete's file answers UPLOAD_NOT_FOUND, as one that does not exist.
 */
export function registerUploadStatusRoute(app: FastifyInstance, opts: { db: Db; now: () => Date }): void {
  app.get('/api/v1/uploads/:fileId', async (request): Promise<z.infer<typeof uploadStatusSchema>> => {
    const athlete = await authenticate(request, opts.db, opts.now);
    const params = uploadParamsSchema.safeParse(request.params);
    const file = params.success ? await getFile(opts.db, params.data.fileId) : null;
    if (!file || file.athleteId !== athlete.id)
      throw new ApiError('UPLOAD_NOT_FOUND', 'No upload of yours has that id.');
    const fileId = file.id;
    if (file.status === 'imported' && file.activityId !== null)
      return { fileId, status: 'imported', activityId: file.activityId };
    if (file.status === 'duplicate' && file.duplicateOf !== null && file.duplicateReason !== null)
      return { fileId, status: 'duplicate', duplicateOf: file.duplicateOf, reason: file.duplicateReason };
    if (file.status === 'failed')
      return {
        fileId,
        status: 'failed',
        error: { code: file.errorCode ?? 'INTERNAL', message: file.errorMessage ?? '' },
      };
    return { fileId, status: 'pending' };
  });
}

/** `Prefer: respond-async` (RFC 7240), among other preferences or alone. */
function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((v) =>
    v.split(',').some((p) => p.trim().split(';')[0]?.trim().toLowerCase() === 'respond-async'),
  );
}

/** Why one file of a multipart form is refused unread (its name, or nothing in it), or null. */
function refusal(part: UploadPart, index: number): FileResult | null {
  try {
    checkedUploadName(part.fileName, part.bytes);
    if (part.bytes.byteLength === 0) throw new ApiError('MALFORMED_UPLOAD', 'The file is empty.');
    return null;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      name: part.fileName === null ? `file ${index + 1}` : printable(part.fileName),
      status: 'failed',
      fileId: null,
      error: { code: err.code, message: err.message },
    };
  }
}

function answerOne(reply: FastifyReply, name: string, items: IngestItem[]): FastifyReply {
  if (fileKind(name) !== 'zip') {
    const outcome = items[0]?.outcome;
    if (!outcome) throw new ApiError('MALFORMED_UPLOAD', 'The upload held no file.');
    if (outcome.status === 'imported')
      return reply.code(201).send({ activityId: outcome.activityId, fileId: outcome.fileId });
    if (outcome.status === 'duplicate') {
      return reply
        .code(200)
        .send({ duplicateOf: outcome.duplicateOf, reason: outcome.reason, fileId: outcome.fileId });
    }
    return reply
      .code(httpStatusFor(outcome.error.code))
      .send({ error: outcome.error, fileId: outcome.fileId });
  }
  const only = items[0];
  if (items.length === 1 && only && only.name === name && only.outcome.status === 'failed') {
    return reply
      .code(httpStatusFor(only.outcome.error.code))
      .send({ error: only.outcome.error, fileId: only.outcome.fileId });
  }
  if (items.length === 0)
    throw new ApiError('ARCHIVE_EMPTY', `${name} holds no .fit, .fit.gz or .zip files.`);
  return answerMany(reply, items.map(toFileResult));
}

function answerMany(reply: FastifyReply, files: FileResult[]): FastifyReply {
  const count = (s: FileResult['status']) => files.filter((f) => f.status === s).length;
  const body = {
    files,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
  };
  return reply.code(body.imported > 0 ? 201 : 200).send(body);
}

function toFileResult({ name, outcome: o }: IngestItem): FileResult {
  if (o.status === 'imported') return { name, status: o.status, fileId: o.fileId, activityId: o.activityId };
  if (o.status === 'duplicate')
    return { name, status: o.status, fileId: o.fileId, duplicateOf: o.duplicateOf, reason: o.reason };
  return { name, status: o.status, fileId: o.fileId, error: o.error };
}
