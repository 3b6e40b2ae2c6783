import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '@runcue/store';
import { fileKind, ingestSource } from '@runcue/operations';
import type { ArchiveLimits, IngestFile, IngestItem } from '@runcue/operations';
import { uploadQuerySchema } from './api-schemas.ts';
import { authenticate } from './authenticate.ts';
import { ApiError, httpStatusFor } from './error-codes.ts';

export interface UploadRouteOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly maxBytes: number;
  readonly limits: ArchiveLimits;
  readonly now: () => Date;
}

/**
 * `POST /api/v1/uploads`: one FIT file (or a .fit.gz, or a zip of them) as a raw body or as the
 * one file of a multipart form. A single FIT answers 201/200/422; an archive answers with one
 * result per file inside it.
 */
export function registerUploadRoute(app: FastifyInstance, opts: UploadRouteOptions): void {
  app.post('/api/v1/uploads', async (request, reply) => {
    const athlete = await authenticate(request, opts.db, opts.now);
    const query = uploadQuerySchema.safeParse(request.query);
    if (!query.success) throw new ApiError('INVALID_REQUEST', query.error.issues[0]?.message ?? 'bad query');
    const { bytes, fileName } = await readUpload(request, opts.maxBytes);
    const name = uploadName(query.data.name ?? fileName, bytes);
    if (bytes.byteLength === 0) throw new ApiError('MALFORMED_UPLOAD', 'The upload is empty.');
    const items: IngestItem[] = [];
    const source = { name, bytes };
    const options = {
      db: opts.db,
      ingestFile: opts.ingestFile,
      athleteId: athlete.id,
      arrival: 'upload' as const,
      origin: request.ip,
      limits: opts.limits,
      now: opts.now,
    };
    for await (const item of ingestSource(source, options)) items.push(item);

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
    const files = items.map(({ name: itemName, outcome: o }) => {
      if (o.status === 'imported')
        return { name: itemName, status: o.status, fileId: o.fileId, activityId: o.activityId };
      if (o.status === 'duplicate')
        return {
          name: itemName,
          status: o.status,
          fileId: o.fileId,
          duplicateOf: o.duplicateOf,
          reason: o.reason,
        };
      return { name: itemName, status: o.status, fileId: o.fileId, error: o.error };
    });
    const count = (s: string) => files.filter((f) => f.status === s).length;
    const body = {
      files,
      imported: count('imported'),
      duplicates: count('duplicate'),
      failed: count('failed'),
    };
    return reply.code(body.imported > 0 ? 201 : 200).send(body);
  });
}

async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; fileName: string | null }> {
  if (request.isMultipart()) {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw new ApiError('MALFORMED_UPLOAD', 'The multipart form holds no file field.');
    const buffer = await part.toBuffer();
    return { bytes: new Uint8Array(buffer), fileName: part.filename || null };
  }
  if (!Buffer.isBuffer(request.body)) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file as application/octet-stream or as multipart/form-data.',
    );
  }
  return { bytes: new Uint8Array(request.body), fileName: null };
}

/** The name to store: the one given, or one guessed from the bytes (zip, gzip, else FIT). */
function uploadName(given: string | null, bytes: Uint8Array): string {
  if (given !== null) {
    const base = given.split(/[\\/]/).pop() ?? given;
    if (fileKind(base) === null) {
      throw new ApiError('UNSUPPORTED_FILE_TYPE', `${base}: runcue reads .fit, .fit.gz and .zip files.`);
    }
    return base;
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'upload.zip';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'upload.fit.gz';
  return 'upload.fit';
}
