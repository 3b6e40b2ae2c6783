import { CodedError } from './coded-error.ts';

/** The code of every failure that is runcue's own rather than its input's. */
export const INTERNAL = 'INTERNAL';

/** What an edge reports about a failure: its stable code and one line for a person. */
export interface ErrorReport {
  readonly code: string;
  readonly message: string;
}

/**
 * `{ code, message }` of anything thrown. A `CodedError` keeps its own; anything else (a bug, a
 * refused connection, a full disk) is runcue's failure, reported as INTERNAL with what the system
 * said, e.g. "runcue failed (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432".
 */
export function describeError(err: unknown): ErrorReport {
  if (isCodedError(err)) return { code: err.code, message: err.message };
  const text = err instanceof Error ? err.message : String(err);
  const system = systemCode(err);
  return { code: INTERNAL, message: `runcue failed${system === null ? '' : ` (${system})`}: ${text}` };
}

/** True for any of runcue's own errors, whatever package threw it. */
export function isCodedError(err: unknown): err is CodedError {
  return err instanceof CodedError;
}

/** The errno-style code of a system error ('ECONNREFUSED', 'EACCES'), or null. */
function systemCode(err: unknown): string | null {
  if (!(err instanceof Error) || !('code' in err)) return null;
  return typeof err.code === 'string' ? err.code : null;
}
