import type { TrendsErrorCode } from '@runcue/analysis';
import type { CoachErrorCode } from '@runcue/coach';
import type { INTERNAL } from '@runcue/errors';
import type { FitErrorCode, WorkoutErrorCode } from '@runcue/fit';
import type { ReportErrorCode } from '@runcue/report';
import type { StoreErrorCode } from '@runcue/store';
import type { ArchiveErrorCode } from './import/archive-error.ts';

/** Codes of the use cases' own refusals (a run whose bytes were not kept); the packages' codes are theirs. */
export const operationErrorCodes = ['FILE_BYTES_MISSING'] as const;

export type OperationErrorCode = (typeof operationErrorCodes)[number];

/**
 * Every code an error thrown from a use case can carry: runcue's own failure (INTERNAL), each
 * package's codes and the use cases' own. An edge (the CLI's exit codes, the API's statuses)
 * maps this union with a table typed `satisfies Record<…>`, so a code added to any package's
 * `as const` list fails the typecheck until every edge says what it means there.
 */
export type UseCaseErrorCode =
  | typeof INTERNAL
  | FitErrorCode
  | WorkoutErrorCode
  | StoreErrorCode
  | TrendsErrorCode
  | CoachErrorCode
  | ReportErrorCode
  | ArchiveErrorCode
  | OperationErrorCode;
