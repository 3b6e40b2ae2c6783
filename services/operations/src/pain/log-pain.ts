import { painReportSchema, type PainMilestoneKind, type PainReport } from '@runcue/analysis';
import { adviceItems, coachPain, type AdviceItem, type CoachAdvice } from '@runcue/coach';
import {
  addPainEntry,
  addPainMilestone,
  listSentCues,
  StoreError,
  type Athlete,
  type Db,
  type StoredPainEntry,
  type StoredPainMilestone,
} from '@runcue/store';
import { profileOf } from '../athletes/athlete-profile.ts';
import { loadPainContext } from './pain-context.ts';

const HISTORY_DAYS = 42;

/** What logging pain or a milestone answers: the record and the advice it leads to right away. */
export interface PainAdvice {
  advice: CoachAdvice;
  /** The advice as contract items (`{ id, kind, message, reason, source }`), most important first. */
  items: AdviceItem[];
}

/**
 * The advice part of every pain answer, `runcue pain --json` and the pain routes alike: the items
 * (safety first), whether training advice is withheld, and the coach's notes.
 */
export function painAdviceJson({ advice, items }: PainAdvice) {
  return { advice: items, trainingWithheld: advice.suppressedTraining, notes: advice.notes };
}

/**
 * Logs a pain entry and returns what the coach says about it right away, from the pain log alone
 * (`coachPain`): urgent care for a red flag, a doctor or physiotherapist for severe, leg-spreading
 * or lingering pain, stop and rest with the walk/run return at 3/10 or more, keep an eye on it
 * below that. No training cue: those wait for the next run or review. Used by `runcue pain` and
 * `POST /api/v1/pain`. A report `painReportSchema` refuses is `INVALID_PAIN_ENTRY`.
 */
export async function logPain(
  db: Db,
  athlete: Athlete,
  report: PainReport & { activityId?: string | null },
  now: Date,
): Promise<PainAdvice & { entry: StoredPainEntry }> {
  const parsed = painReportSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreError(
      'INVALID_PAIN_ENTRY',
      `${issue?.path.join('.') || 'pain entry'}: ${issue?.message ?? 'is invalid'}`,
    );
  }
  const entry = await addPainEntry(db, athlete.id, {
    ...parsed.data,
    activityId: report.activityId ?? null,
    at: now,
  });
  return { entry, ...(await painAdvice(db, athlete, now)) };
}

/**
 * Records a milestone — a professional has cleared the runner after a red flag (`cleared`, the
 * only thing that lifts one), or the walk/run return plan is done (`return-done`) — and returns
 * the advice as it stands afterwards. Used by `runcue pain cleared|return-done` and the API.
 */
export async function recordPainMilestone(
  db: Db,
  athlete: Athlete,
  kind: PainMilestoneKind,
  now: Date,
  note: string | null = null,
): Promise<PainAdvice & { milestone: StoredPainMilestone }> {
  const milestone = await addPainMilestone(db, athlete.id, { kind, at: now, note });
  return { milestone, ...(await painAdvice(db, athlete, now)) };
}

/** The coach's advice from the athlete's pain context alone, at `now`. */
export async function painAdvice(db: Db, athlete: Athlete, now: Date): Promise<PainAdvice> {
  const [context, sent] = await Promise.all([
    loadPainContext(db, athlete.id, now),
    listSentCues(db, athlete.id, new Date(now.getTime() - HISTORY_DAYS * 86_400_000)),
  ]);
  const advice = coachPain({
    ...context,
    profile: profileOf(athlete),
    history: { recentCues: sent.map((c) => ({ cueId: c.cueId, level: c.level, at: c.at.toISOString() })) },
    now: now.toISOString(),
  });
  return { advice, items: adviceItems(advice) };
}
