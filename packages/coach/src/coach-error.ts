import { codedErrors, type CodeOf } from '@runcue/errors';

/** Stable codes for coaching inputs that cannot be judged at all. */
export type CoachErrorCode = CodeOf<typeof CoachError>;

/**
 * Thrown when the coach's input makes advice impossible (an unreadable `now`, a nonsensical
 * threshold). Individual odd pain entries or history rows are skipped, not thrown.
 */
export class CoachError extends codedErrors(['COACH_BAD_NOW', 'COACH_BAD_PROFILE']) {}

/** Parse `now` and check the profile; both are needed before any rule can run. */
export function checkedNow(now: string, thresholdSpm: number): number {
  const ms = Date.parse(now);
  if (!Number.isFinite(ms))
    throw new CoachError(
      'COACH_BAD_NOW',
      `"${now}" is not an ISO date-time, so the age of pain entries and cues cannot be judged.`,
    );
  if (!(thresholdSpm >= 100 && thresholdSpm <= 220)) {
    throw new CoachError(
      'COACH_BAD_PROFILE',
      `A cadence threshold of ${thresholdSpm} steps/min is outside 100-220; check the athlete profile.`,
    );
  }
  return ms;
}
