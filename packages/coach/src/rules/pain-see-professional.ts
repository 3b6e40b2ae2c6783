import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import type { PainState } from './pain-state.ts';
import { PAIN_SEVERE_SCORE } from './pain-window.ts';

/**
 * Severe pain (7/10 or more), pain spreading into a leg, or pain that has not eased in two weeks:
 * see a doctor or physiotherapist, first in the message, and no training advice until then
 * (003: pain shooting down the leg, pain unchanged after two weeks; 004: sharp, sudden or severe
 * pain, pain radiating down the legs, no improvement after a couple of weeks). A red flag, which
 * already says so more urgently, takes its place.
 */
export function painSeeProfessional(state: PainState): Finding | null {
  const latest = state.latest;
  if (latest === null || state.redFlags.length > 0) return null;
  const score = latest.entry.score;
  const reasons: string[] = [];
  if (score >= PAIN_SEVERE_SCORE) reasons.push(`your latest pain is severe (${score}/10)`);
  if (latest.entry.where === 'leg' && score > 0) reasons.push('the pain reaches into your leg');
  if (state.notEasingDays !== null) reasons.push(`the pain has not eased in ${state.notEasingDays} days`);
  if (reasons.length === 0) return null;
  const see =
    'See a doctor or physiotherapist about this before you run again; they can find the cause and give you a plan.';
  return {
    id: 'pain-see-professional',
    kind: 'safety',
    severity: 'stop',
    priority: 95,
    withholdsTraining: true,
    reason: `${capitalise(reasons.join(', and '))}: that needs a professional's look, not only rest.`,
    metrics: {
      latestScore: score,
      where: latest.entry.where,
      notEasingDays: state.notEasingDays,
    },
    source: [SOURCES.rehab, SOURCES.causes],
    messages: [[see], [see], [see]],
    recovery: [],
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
