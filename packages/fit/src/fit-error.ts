import { codedErrors, type CodeOf } from '@runcue/errors';

/** Stable codes for every way `decodeFit` can refuse a file. */
export type FitErrorCode = CodeOf<typeof FitError>;

/**
 * A FIT file that cannot be turned into an Activity. `code` is stable and meant for programs
 * (exit codes, HTTP statuses); `message` names what is wrong for a person reading it.
 */
export class FitError extends codedErrors([
  'FIT_EMPTY',
  'FIT_NOT_FIT',
  'FIT_TOO_LARGE',
  'FIT_TRUNCATED',
  'FIT_NOT_ACTIVITY',
  'FIT_NO_RECORDS',
  'FIT_CORRUPT',
]) {}

/** True when `value` is a FitError (also across module copies, by name and code). */
export function isFitError(value: unknown): value is FitError {
  if (value instanceof FitError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown };
  return (
    v.name === 'FitError' &&
    typeof v.code === 'string' &&
    (FitError.codes as readonly string[]).includes(v.code)
  );
}
