import { renderRunSummary, type ReportLink } from '@runcue/report';
import { coachStoredRun, reportAthleteOf } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import { MailError } from './mail-error.ts';
import type { RenderedMail } from './notifier.ts';

/**
 * Renders the post-run summary for one stored activity, coached in context (`coachStoredRun`). The
 * cues it carries are returned so they are recorded as sent together with the outbox row, and
 * rotate next time.
 */
export async function renderRunSummaryMail(
  db: Db,
  athlete: Athlete,
  activityId: string,
  now: Date,
  links: ReportLink[] = [],
): Promise<RenderedMail> {
  const run = await coachStoredRun(db, athlete, activityId, now);
  if ('missing' in run)
    throw new MailError('MAIL_RENDER_FAILED', `activity ${activityId} is missing its ${run.missing}`);
  const report = renderRunSummary({
    athlete: reportAthleteOf(athlete),
    activity: run.activity,
    analysis: run.analysis,
    advice: run.advice,
    links,
  });
  return {
    to: athlete.email,
    ...report,
    cues: run.advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId })),
  };
}
