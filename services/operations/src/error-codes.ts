import type { TrendsErrorCode } from '@runcue/analysis';
import type { CoachErrorCode } from '@runcue/coach';
import { codedErrors, type CodeOf, type INTERNAL } from '@runcue/errors';
import type { FitErrorCode, WorkoutErrorCode } from '@runcue/fit';
import type { ReportErrorCode } from '@runcue/report';
import type { StoreErrorCode } from '@runcue/store';
import type { ArchiveErrorCode } from './import/archive-error.ts';
import type { BudgetErrorCode } from './pool/ingest-budget.ts';

/** Codes of the use cases' own refusals; the packages' codes are theirs. */
export type OperationErrorCode = CodeOf<typeof OperationError>;

/** A use case that cannot go on for a reason a runner can fix (a run that is not theirs, an athlete not named). */
export class OperationError extends codedErrors([
  'FILE_BYTES_MISSING',
  'RUN_NOT_FOUND',
  'ATHLETE_REQUIRED',
  'SHOE_AMBIGUOUS',
  'SOURCE_NOT_FOUND',
  'SOURCE_AMBIGUOUS',
  'NO_CADENCE',
  'NO_CADENCE_TARGET',
]) {}

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
  | BudgetErrorCode
  | OperationErrorCode;
