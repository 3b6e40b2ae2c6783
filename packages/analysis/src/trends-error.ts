import { codedErrors, type CodeOf } from '@runcue/errors';

/** Stable codes for every way `weeklyTrends` can refuse its options. */
export type TrendsErrorCode = CodeOf<typeof TrendsError>;

/**
 * Options that cannot produce trends (an unknown time zone, a week string that is not an ISO week
 * or date). Bad individual runs are not thrown: they are listed in `WeeklyTrends.skipped`.
 */
export class TrendsError extends codedErrors([
  'TRENDS_BAD_WEEK',
  'TRENDS_BAD_TIME_ZONE',
  'TRENDS_BAD_OPTION',
]) {}
