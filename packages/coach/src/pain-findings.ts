import type { CoachInput } from './coach-input.ts';
import type { Finding } from './finding.ts';
import { painMonitor } from './rules/pain-monitor.ts';
import { painRedFlag } from './rules/pain-red-flag.ts';
import { painSeeProfessional } from './rules/pain-see-professional.ts';
import { inFirstDaysOfFlareUp, painState, type PainState } from './rules/pain-state.ts';
import { painStop } from './rules/pain-stop.ts';
import { returnToRun } from './rules/return-to-run.ts';

/**
 * The safety and recovery rules every kind of coaching applies first (after a run, in the weekly
 * review and right after a pain entry), and whether the runner is in the first days of a flare-up.
 */
export function painFindings(
  input: Pick<CoachInput, 'pain' | 'painMilestones' | 'runStarts'>,
  nowMs: number,
): { findings: Array<Finding | null>; flareUp: boolean; state: PainState } {
  const state = painState(
    { pain: input.pain, milestones: input.painMilestones, runStarts: input.runStarts },
    nowMs,
  );
  return {
    findings: [
      painRedFlag(state),
      painSeeProfessional(state),
      painStop(state),
      returnToRun(state),
      painMonitor(state),
    ],
    flareUp: inFirstDaysOfFlareUp(state),
    state,
  };
}
