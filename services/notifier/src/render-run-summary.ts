import type { ReportLink } from '@runcue/report';
import { coachStoredRun, reportAthleteOf } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import { MailError } from './mail-error.ts';
import type { RenderedMail } from './notifier.ts';
import { drawInThread, type DrawReport } from './render-pool.ts';

/**
 * Renders the post-run summary for one stored activity, coached in context (`coachStoredRun`). The
 * cues it carries are returned so they are recorded as sent together with the outbox row, and
 * rotate next time. The report is drawn by `draw` (`runcue start`'s render pool), by default in
 * this thread.
 */
export async function renderRunSummaryMail(
  db: Db,
  athlete: Athlete,
  activityId: string,
  now: Date,
  links: ReportLink[] = [],
  draw: DrawReport = drawInThread,
): Promise<RenderedMail> {
  const run = await coachStoredRun(db, athlete, activityId, now);
  if ('missing' in run)
    throw new MailError('MAIL_RENDER_FAILED', `activity ${activityId} is missing its ${run.missing}`);
  const report = await draw({
    kind: 'run-summary',
    input: {
      athlete: reportAthleteOf(athlete),
      activity: run.activity,
      analysis: run.analysis,
      advice: run.advice,
      links,
    },
  });
  return {
    to: athlete.email,
    ...report,
    cues: run.advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId })),
  };
}
