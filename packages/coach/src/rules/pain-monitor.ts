import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import type { PainState } from './pain-state.ts';
import { PAIN_STOP_SCORE } from './pain-window.ts';

/**
 * Mild pain (1-2/10): keep running but adjust — shorter strides, an easier pace, a little less
 * distance — and keep logging; stop if it reaches 3/10 (003 pain scale; 002 smaller strides and
 * slowing down; 000 adjust mileage and speed when pain shows up).
 */
export function painMonitor(state: PainState): Finding | null {
  const latest = state.latest;
  if (latest === null) return null;
  const score = latest.entry.score;
  if (score <= 0 || score >= PAIN_STOP_SCORE) return null;
  return {
    id: 'pain-monitor',
    kind: 'recovery',
    severity: 'advice',
    priority: 65,
    reason: `You logged ${score}/10 pain${latest.entry.where === null ? '' : ` in the ${latest.entry.where.replace('-', ' ')}`}: low enough to keep running, close to the 3/10 point where you should stop.`,
    metrics: { latestScore: score, where: latest.entry.where },
    source: [SOURCES.rehab, SOURCES.prevention, SOURCES.posture],
    messages: [
      [
        'Run easy next time with shorter steps, and note your pain during and after; if it climbs to 3/10, stop and walk home.',
        'Keep the next run gentle and a bit shorter, and log how your back feels afterwards; 3/10 means stop.',
      ],
      [
        'The niggle is still there. Trim the distance a little, slow down, and keep the strides short until it settles.',
        'Back off slightly while it lingers: easier pace, shorter runs, soft surfaces where you can, and the daily rehab circuit.',
      ],
      [
        'The low-level pain is still being logged. Cut the distance for a few days, and if it has not eased in two weeks, get it looked at by a physiotherapist.',
        'Pain is still there. Reduce your running for a few days and see a physiotherapist if it is not better within two weeks.',
      ],
    ],
    recovery: ['rehab-circuit'],
  };
}
