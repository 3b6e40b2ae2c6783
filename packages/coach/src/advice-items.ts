import type { RunAnalysis, Units } from '@runcue/analysis';
import type { CoachAdvice } from './coach-input.ts';
import { coachRun } from './coach-run.ts';
import type { AdviceKind } from './cue.ts';
import { sourceTitles } from './sources.ts';

/**
 * One piece of advice as `runcue report --json`, `runcue pain --json` and `POST /api/v1/pain`
 * give it: what it is for, what to do, why, and the article it rests on by title (or runcue's
 * own general guidance).
 */
export interface AdviceItem {
  id: string;
  kind: AdviceKind;
  message: string;
  reason: string;
  source: string;
}

/**
 * The coach's advice as a flat list of items, most important first: the cues in the coach's order
 * (safety leads), then the recovery work, each exercise with its dose.
 */
export function adviceItems(advice: Pick<CoachAdvice, 'cues' | 'recovery'>): AdviceItem[] {
  return [
    ...advice.cues.map((c) => ({
      id: c.id,
      kind: c.kind,
      message: c.message,
      reason: c.reason,
      source: sourceTitles(c.source),
    })),
    ...advice.recovery.map((r) => ({
      id: r.id,
      kind: 'recovery' as const,
      message: `${r.title}: ${r.exercises.map((e) => `${e.name} (${e.dose})`).join('; ')}.`,
      reason: r.reason,
      source: sourceTitles(r.source),
    })),
  ];
}

/**
 * The advice for one run on its own, as `runcue report --json` and the API's activity detail give
 * it: the coach's rules on this run's analysis alone (no pain log, no history, no weekly load),
 * with the threshold the run was analysed with. `now` only dates the advice.
 */
export function runAdviceItems(analysis: RunAnalysis, units: Units, now: string): AdviceItem[] {
  return adviceItems(
    coachRun({
      analysis,
      trends: null,
      pain: [],
      profile: { thresholdSpm: analysis.cadence.thresholdSpm, units },
      shoe: null,
      history: { recentCues: [] },
      now,
    }),
  );
}
