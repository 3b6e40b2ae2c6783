/**
 * Why a new activity got no post-run email, said once for every place that reports an import
 * (`runcue start`'s log, `runcue import`, the upload API): a newcomer whose first file is an old
 * one must learn why nothing arrived and how to get the email all the same.
 */
export type NoSummaryReason = 'not-a-run' | 'from-archive' | 'too-old' | 'emails-off';

export interface NoSummary {
  readonly reason: NoSummaryReason;
  /** One sentence for the runner, ending with how to get the email anyway. */
  readonly message: string;
}

const DAY_MS = 86_400_000;

export interface SummaryFacts {
  readonly activityId: string;
  readonly isRun: boolean;
  readonly sport: string;
  readonly fromArchive: boolean;
  readonly startTime: string;
  readonly receivedAt: Date;
  /** How many days back a run may have started and still be emailed; Infinity for `all`. */
  readonly windowDays: number;
  /** The athlete's post-run emails are on. */
  readonly runEmails: boolean;
}

/**
 * Null when the run gets its post-run summary, else why not. Never from an archive (an export of
 * old runs, however the zip arrived), and only when it started within `windowDays` before it
 * arrived; a start up to a day after arrival (a watch clock set a little wrong) still counts.
 */
export function noSummaryFor(f: SummaryFacts): NoSummary | null {
  const send = `'runcue summary ${f.activityId} --send' sends it`;
  if (!f.isRun)
    return { reason: 'not-a-run', message: `no post-run email: this ${f.sport} activity is not a run` };
  if (!f.runEmails)
    return {
      reason: 'emails-off',
      message: `no post-run email: post-run emails are off for this runner ('runcue athlete set <athlete> --run-emails on'); ${send}`,
    };
  if (f.fromArchive)
    return {
      reason: 'from-archive',
      message: `no post-run email: it came out of an archive (an export of past runs is never emailed); ${send}`,
    };
  const ageMs = f.receivedAt.getTime() - Date.parse(f.startTime);
  if (ageMs > f.windowDays * DAY_MS || ageMs < -DAY_MS) {
    const days = Math.floor(ageMs / DAY_MS);
    const when =
      ageMs < 0 ? 'it starts in the future' : `it started ${f.startTime.slice(0, 10)}, ${days} days ago`;
    return {
      reason: 'too-old',
      message: `no post-run email: ${when}, and only runs from the last ${f.windowDays} days are emailed (RUNCUE_SUMMARY_WINDOW_DAYS, 'all' for every run); ${send}`,
    };
  }
  return null;
}
