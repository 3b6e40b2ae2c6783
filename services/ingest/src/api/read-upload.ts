import type { FastifyRequest } from 'fastify';
import { ArchiveError, printable } from '@runcue/operations';
import { ApiError } from './error-codes.ts';

/** One file of an upload: its bytes and the name the client gave it (null for a raw body). */
export interface UploadPart {
  readonly fileName: string | null;
  readonly bytes: Uint8Array;
}

/** The most files one multipart form may hold (a zip holds more: send an export as a zip). */
export const MAX_FORM_FILES = 1000;

/**
 * Reads an upload: the raw body as one file, or every file of a multipart form, together at most
 * `maxBytes` (the limit a zip of them would have). A form field that is not a file is refused
 * (INVALID_REQUEST), and so is a body the multipart parser cannot read (MALFORMED_UPLOAD: no
 * boundary, a part cut short, no closing boundary), never an INTERNAL error.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadPart[]> {
  if (!request.isMultipart()) {
    // Read by `readRawBody`, taken as it is (a copy of a large body would block the event loop).
    if (!(request.body instanceof Uint8Array)) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the file as application/octet-stream or as multipart/form-data.',
      );
    }
    return [{ fileName: null, bytes: request.body }];
  }
  const parts: UploadPart[] = [];
  let total = 0;
  try {
    const limits = { fileSize: maxBytes, files: MAX_FORM_FILES, fields: 10, parts: MAX_FORM_FILES + 10 };
    for await (const part of request.parts({ limits })) {
      if (part.type !== 'file') {
        throw new ApiError(
          'INVALID_REQUEST',
          `The form field "${printable(part.fieldname)}" is not a file; send only files.`,
        );
      }
      const buffer = await part.toBuffer();
      total += buffer.byteLength;
      if (total > maxBytes)
        throw new ArchiveError(
          'FILE_TOO_LARGE',
          `The files of this form are larger than ${maxBytes} bytes together.`,
        );
      // A part without a filename (`curl -F file=@-`, a file read from a pipe) is named by its bytes.
      const fileName = typeof part.filename === 'string' && part.filename !== '' ? part.filename : null;
      parts.push({ fileName, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
    }
  } catch (err) {
    throw malformed(err);
  }
  return parts;
}

/** The multipart parser's own errors (plain `Error`s without a code) as MALFORMED_UPLOAD. */
function malformed(err: unknown): unknown {
  if (err instanceof ApiError || err instanceof ArchiveError) return err;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('FST_'))
    return err; // a limit: the error handler maps it (FILE_TOO_LARGE, TOO_MANY_FILES)
  const reason = err instanceof Error ? err.message : String(err);
  return new ApiError(
    'MALFORMED_UPLOAD',
    `The multipart body cannot be read (${printable(reason).replace(/^Multipart: /, '')}).`,
    { cause: err },
  );
}
