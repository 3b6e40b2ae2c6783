import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import { RETURN_PLAN_SESSIONS, type PainState } from './pain-state.ts';
import { PAIN_STOP_SCORE } from './pain-window.ts';

/**
 * The walk/run return after pain at 3/10 or more stays in force until it is done: the runner logs
 * it done (`runcue pain return-done`) or has run the sessions of weeks 1-3. It does not vanish
 * on a day the back feels fine (003: the return-to-run protocol; most runners fail by rushing
 * back once they feel better). While the pain is still at 3/10 or more, `painStop` carries it.
 */
export function returnToRun(state: PainState): Finding | null {
  const plan = state.returnPlan;
  if (plan === null) return null;
  if (state.latest !== null && state.latest.entry.score >= PAIN_STOP_SCORE) return null;
  const done = Math.min(plan.runs, RETURN_PLAN_SESSIONS);
  const message = `Stay on the walk/run return plan below, even on days your back feels fine: ${done} of its ${RETURN_PLAN_SESSIONS} walk/run sessions are done. When you have finished it, log it with runcue pain return-done.`;
  return {
    id: 'return-to-run',
    kind: 'recovery',
    severity: 'advice',
    priority: 80,
    reason: `Your back hurt at 3/10 or more ${Math.floor(plan.sinceDays)} day(s) ago; coming back gradually stops it being overloaded again the moment it feels better.`,
    metrics: { sinceDays: Math.floor(plan.sinceDays), sessionsDone: done, sessions: RETURN_PLAN_SESSIONS },
    source: [SOURCES.rehab],
    messages: [[message], [message], [message]],
    recovery: ['return-to-run', 'rehab-circuit'],
  };
}
