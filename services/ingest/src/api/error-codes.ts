import { codedErrors, type CodeOf } from '@runcue/errors';
import type { UseCaseErrorCode } from '@runcue/operations';

/** Every code that can reach the API: the use cases' and its own. */
export type ApiReachableCode = UseCaseErrorCode | ApiErrorCode;

/** Codes only the HTTP API gives: requests that are malformed, unauthenticated or aimed at nothing. */
export type ApiErrorCode = CodeOf<typeof ApiError>;

/**
 * A route's refusal. Routes throw `ApiError` (or let a package's `CodedError` through); the error
 * handler answers `{ error: { code, message } }` with the status from `httpStatuses`, and never a
 * stack trace.
 */
export class ApiError extends codedErrors([
  'INVALID_REQUEST',
  'MALFORMED_UPLOAD',
  'INVALID_NAME',
  'NAME_TOO_LONG',
  'TOO_MANY_FILES',
  'AUTH_MISSING',
  'AUTH_INVALID',
  'NOT_FOUND',
  'UPLOAD_NOT_FOUND',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_FILE_TYPE',
  'ARCHIVE_EMPTY',
  'UNSUBSCRIBE_LINK_INVALID',
]) {}

/**
 * The one place where error codes become HTTP statuses. Typed to name every code that can reach
 * the API, so a new code fails the typecheck until it is given a status here.
 */
export const httpStatuses = {
  INTERNAL: 500,
  // The API's own.
  INVALID_REQUEST: 400,
  MALFORMED_UPLOAD: 400,
  INVALID_NAME: 400,
  NAME_TOO_LONG: 400,
  TOO_MANY_FILES: 413,
  AUTH_MISSING: 401,
  AUTH_INVALID: 401,
  NOT_FOUND: 404,
  UPLOAD_NOT_FOUND: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_FILE_TYPE: 415,
  ARCHIVE_EMPTY: 422,
  UNSUBSCRIBE_LINK_INVALID: 403,
  // Decoding a FIT file, encoding a workout.
  FIT_EMPTY: 422,
  FIT_NOT_FIT: 422,
  FIT_TOO_LARGE: 413,
  FIT_TRUNCATED: 422,
  FIT_NOT_ACTIVITY: 422,
  FIT_NO_RECORDS: 422,
  FIT_CORRUPT: 422,
  WORKOUT_INVALID: 422,
  // Archives and the files in them.
  ARCHIVE_CORRUPT: 422,
  ARCHIVE_UNSAFE_PATH: 422,
  ARCHIVE_TOO_MANY_ENTRIES: 422,
  ARCHIVE_ENTRY_TOO_LARGE: 422,
  ARCHIVE_TOO_LARGE: 422,
  ARCHIVE_TOO_DEEP: 422,
  ARCHIVE_RATIO_EXCEEDED: 422,
  ARCHIVE_ENTRY_ENCRYPTED: 422,
  FILE_UNREADABLE: 422,
  // A file that would cost more to read than one activity may.
  BUDGET_TOO_MANY_RECORDS: 422,
  BUDGET_TOO_MANY_SAMPLES: 422,
  BUDGET_TOO_SLOW: 422,
  BUDGET_TOO_MUCH_MEMORY: 422,
  FILE_TOO_LARGE: 413,
  // The store's refusals; damaged stored data is runcue's failure.
  ATHLETE_NOT_FOUND: 404,
  ATHLETE_AMBIGUOUS: 409,
  INVALID_ATHLETE: 400,
  ATHLETE_EMAIL_TAKEN: 409,
  INVALID_TOKEN_SEED: 400,
  SOURCE_TAKEN: 409,
  SHOE_NOT_FOUND: 404,
  INVALID_PAIN_ENTRY: 400,
  SAMPLES_CORRUPT: 500,
  RAW_FILE_CORRUPT: 500,
  FILE_BYTES_MISSING: 500,
  // Which run or athlete a request means.
  RUN_NOT_FOUND: 404,
  ATHLETE_REQUIRED: 400,
  SHOE_AMBIGUOUS: 409,
  SOURCE_NOT_FOUND: 404,
  SOURCE_AMBIGUOUS: 409,
  NO_CADENCE: 422,
  NO_CADENCE_TARGET: 422,
  // Trends, coaching and reports.
  TRENDS_BAD_WEEK: 400,
  TRENDS_BAD_TIME_ZONE: 400,
  TRENDS_BAD_OPTION: 400,
  COACH_BAD_NOW: 400,
  COACH_BAD_PROFILE: 422,
  REPORT_NO_WEEKS: 404,
  REPORT_CHART_FAILED: 500,
} as const satisfies Record<ApiReachableCode, number>;

/** HTTP status for a code; a code the table does not know (none can, typed) is runcue's failure. */
export function httpStatusFor(code: string): number {
  return Object.hasOwn(httpStatuses, code) ? httpStatuses[code as ApiReachableCode] : 500;
}

/** Fastify's own error codes (body parsing, multipart limits) translated to ours. */
export function fromFastifyCode(
  code: string | undefined,
  statusCode: number | undefined,
): ApiReachableCode | null {
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
