import type { PainEntry } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import type { RecoveryId } from '../recovery-catalogue.ts';
import { SOURCES } from '../sources.ts';
import { PAIN_CURRENT_DAYS, PAIN_STOP_SCORE, painWithin } from './pain-window.ts';

/** After pain at the stop level, the return-to-run plan stays suggested for this long. */
const RETURN_WINDOW_DAYS = 28;

/**
 * Mild pain (1-2/10): keep running but adjust — shorter strides, an easier pace, a little less
 * distance — and keep logging; stop if it reaches 3/10 (003 pain scale; 002 smaller strides and
 * slowing down; 000 adjust mileage and speed when pain shows up).
 */
export function painMonitor(entries: readonly PainEntry[], nowMs: number): Finding | null {
  const recent = painWithin(entries, nowMs, RETURN_WINDOW_DAYS);
  const latest = recent[0];
  if (latest === undefined || latest.ageDays > PAIN_CURRENT_DAYS) return null;
  const score = latest.entry.score;
  if (score <= 0 || score >= PAIN_STOP_SCORE) return null;
  const returning = recent.some((p) => p.entry.score >= PAIN_STOP_SCORE);
  const recovery: RecoveryId[] = returning ? ['rehab-circuit', 'return-to-run'] : ['rehab-circuit'];
  const plan = returning ? ' Stay on the walk/run return plan rather than jumping back to full runs.' : '';
  return {
    id: 'pain-monitor',
    severity: 'advice',
    priority: 65,
    training: true,
    reason: `You logged ${score}/10 pain${latest.entry.where === null ? '' : ` in the ${latest.entry.where.replace('-', ' ')}`}: low enough to keep running, close to the 3/10 point where you should stop.${returning ? ' It was at 3/10 or more within the last four weeks.' : ''}`,
    metrics: { latestScore: score, where: latest.entry.where, returning: returning ? 'yes' : 'no' },
    source: [SOURCES.rehab, SOURCES.prevention, SOURCES.posture],
    messages: [
      [
        `Run easy next time with shorter steps, and note your pain during and after; if it climbs to 3/10, stop and walk home.${plan}`,
        `Keep the next run gentle and a bit shorter, and log how your back feels afterwards; 3/10 means stop.${plan}`,
      ],
      [
        `The niggle is still there. Trim the distance a little, slow down, and keep the strides short until it settles.${plan}`,
        `Back off slightly while it lingers: easier pace, shorter runs, soft surfaces where you can, and the daily rehab circuit.${plan}`,
      ],
      [
        `This low-level pain keeps coming back. Cut the weekly distance for a few days and, if it has not eased in two weeks, get it looked at by a physio.${plan}`,
        `Pain has hung around for a while now. Reduce load for a few days and see a physiotherapist if it is not better within two weeks.${plan}`,
      ],
    ],
    recovery,
  };
}
