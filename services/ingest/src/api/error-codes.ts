/**
 * The one place where error codes become HTTP statuses. Routes throw `ApiError` (or let a typed
 * error with a `code` through); the error handler answers `{ error: { code, message } }` with
 * the status from here, and never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

const exact: Readonly<Record<string, number>> = {
  INVALID_REQUEST: 400,
  MALFORMED_UPLOAD: 400,
  INVALID_NAME: 400,
  NAME_TOO_LONG: 400,
  AUTH_MISSING: 401,
  AUTH_INVALID: 401,
  NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  FIT_TOO_LARGE: 413,
  TOO_MANY_FILES: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_FILE_TYPE: 415,
  ARCHIVE_EMPTY: 422,
  INTERNAL: 500,
};

/** HTTP status for a code: exact matches first, then every FIT_* and ARCHIVE_* code is 422. */
export function httpStatusFor(code: string): number {
  const status = exact[code];
  if (status !== undefined) return status;
  if (code.startsWith('FIT_') || code.startsWith('ARCHIVE_')) return 422;
  return 500;
}

/** Fastify's own error codes (body parsing, multipart limits) translated to ours. */
export function fromFastifyCode(code: string | undefined, statusCode: number | undefined): string | null {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return 'FILE_TOO_LARGE';
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return 'TOO_MANY_FILES';
    case 'FST_FIELDS_LIMIT':
      return 'INVALID_REQUEST';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      if (statusCode === 413) return 'FILE_TOO_LARGE';
      if (statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
      if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return 'INVALID_REQUEST';
      return null;
  }
}
