import type { Activity } from '@runcue/fit';
import { coachRun } from '@runcue/coach';
import { renderRunSummary, type ReportLink } from '@runcue/report';
import { getActivity, getAnalysis, getFile, loadSamples, type Athlete, type Db } from '@runcue/store';
import {
  isoWeekAt,
  loadCoachContext,
  loadWeeklyTrends,
  coachInputOf,
  reportAthleteOf,
} from './coach-context.ts';
import { MailError } from './mail-error.ts';
import type { RenderedMail } from './notifier.ts';

/**
 * Renders the post-run summary for one stored activity: loads the activity, its samples and its
 * newest analysis, coaches it in context (twelve weeks of trends, pain log, shoe, cues already
 * sent) and renders the email. The cues it carries are returned so they are recorded as sent
 * together with the outbox row, and rotate next time.
 */
export async function renderRunSummaryMail(
  db: Db,
  athlete: Athlete,
  activityId: string,
  now: Date,
  links: ReportLink[] = [],
): Promise<RenderedMail> {
  const [record, stored, samples] = await Promise.all([
    getActivity(db, activityId),
    getAnalysis(db, activityId),
    loadSamples(db, activityId),
  ]);
  if (!record || !stored || !samples) {
    throw new MailError(
      'MAIL_RENDER_FAILED',
      `activity ${activityId} is missing its ${!record ? 'record' : !stored ? 'analysis' : 'samples'}`,
    );
  }
  const file = await getFile(db, record.fileId);
  const activity: Activity = {
    ...record.metadata,
    sha256: file?.sha256 ?? '0'.repeat(64),
    integrity: record.integrity,
    sport: record.sport,
    subSport: record.subSport,
    startTime: record.startTime.toISOString(),
    localOffsetS: record.localOffsetS,
    samples,
  };
  const [context, trends] = await Promise.all([
    loadCoachContext(db, athlete, now, activityId),
    loadWeeklyTrends(db, athlete, isoWeekAt(record.startTime, athlete.timeZone)),
  ]);
  const advice = coachRun({
    analysis: stored.analysis,
    trends,
    ...coachInputOf(context, now),
  });
  const report = renderRunSummary({
    athlete: reportAthleteOf(athlete),
    activity,
    analysis: stored.analysis,
    advice,
    links,
  });
  return {
    to: athlete.email,
    ...report,
    cues: advice.cues.map((c) => ({ cueId: c.id, level: c.level, activityId })),
  };
}
