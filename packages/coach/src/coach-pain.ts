import type { CoachAdvice, CoachPainInput } from './coach-input.ts';
import { checkedNow } from './coach-error.ts';
import { buildAdvice } from './build-advice.ts';
import { painFindings } from './pain-findings.ts';

/**
 * Advice right after a pain entry, from the pain log alone: urgent care for a red flag, a doctor
 * or physiotherapist for severe, leg-spreading or lingering pain, stop and rest with the walk/run
 * return at 3/10 or more, the return plan while it is in force, keep-an-eye-on-it below that.
 * There is no run or week to judge, so it gives no training cue at all; those come with the next
 * run or review. Pure: `now` is the only clock.
 */
export function coachPain(input: CoachPainInput): CoachAdvice {
  const nowMs = checkedNow(input.now, input.profile.thresholdSpm);
  const pain = painFindings(input, nowMs);
  const notes: string[] = [];
  if (pain.findings.every((f) => f === null))
    notes.push('Nothing to change for now; keep logging how your back feels after runs.');
  return buildAdvice(pain.findings, input.history.recentCues, nowMs, notes, {
    flareUp: pain.flareUp,
    fallback: null,
  });
}
