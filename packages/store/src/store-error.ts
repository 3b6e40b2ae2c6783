import { codedErrors, type CodeOf } from '@runcue/errors';

/** Stable codes for refusals from the store's query functions and stored data it cannot read. */
export type StoreErrorCode = CodeOf<typeof StoreError>;

/**
 * A request the store refuses for a reason a person can fix (an unknown athlete, a folder already
 * watched for someone else). Database failures are not wrapped: they reach the caller as they are.
 */
export class StoreError extends codedErrors([
  'ATHLETE_NOT_FOUND',
  'ATHLETE_AMBIGUOUS',
  'INVALID_ATHLETE',
  'ATHLETE_EMAIL_TAKEN',
  'INVALID_TOKEN_SEED',
  'SOURCE_TAKEN',
  'SHOE_NOT_FOUND',
  'INVALID_PAIN_ENTRY',
  'SAMPLES_CORRUPT',
  'RAW_FILE_CORRUPT',
]) {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` has the shape of the uuid ids the store hands out (so lookups never hit a cast error). */
export function isId(value: string): boolean {
  return UUID.test(value);
}
