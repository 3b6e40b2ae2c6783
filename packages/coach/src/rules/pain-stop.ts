import type { Finding } from '../finding.ts';
import type { RecoveryId } from '../recovery-catalogue.ts';
import { SOURCES } from '../sources.ts';
import { inFirstDaysOfFlareUp, type PainState } from './pain-state.ts';
import { PAIN_STOP_SCORE } from './pain-window.ts';

/**
 * Pain at 3/10 or more: stop running and withhold every training cue; 3-5 days off impact, then
 * back with the four-week walk/run return (003: the 3/10 rule, days off impact, the return
 * table). In the first 72 hours of the flare-up only calming it down (no stretching, no
 * circuits); the rehab circuit comes after (003: immediate relief, then the rebuild phase).
 */
export function painStop(state: PainState): Finding | null {
  const latest = state.latest;
  if (latest === null || latest.entry.score < PAIN_STOP_SCORE) return null;
  const score = latest.entry.score;
  const where = latest.entry.where === null ? '' : ` (${latest.entry.where.replace('-', ' ')})`;
  const early = inFirstDaysOfFlareUp(state);
  const recovery: RecoveryId[] = early
    ? ['first-72-hours', 'return-to-run']
    : ['rehab-circuit', 'return-to-run'];
  const days = state.flareUpDays === null ? 0 : Math.floor(state.flareUpDays);
  return {
    id: 'pain-stop',
    kind: 'safety',
    severity: 'stop',
    priority: 90,
    withholdsTraining: true,
    reason: `Your latest pain score is ${score}/10${where}; at 3/10 or more running keeps irritating the back.${days > 0 ? ` It has been at 3/10 or more for ${days} day(s).` : ''}`,
    metrics: { latestScore: score, where: latest.entry.where, flareUpDays: days },
    source: [SOURCES.rehab],
    messages: [
      [
        early
          ? 'Stop running for now: give your back 3 to 5 days without impact, no stretching or strength circuits yet, then ease back in with the walk/run weeks below.'
          : 'Do not run through this: keep off running until everyday movement is comfortable, do the daily rehab circuit, then restart with the walk/run weeks below.',
      ],
      [
        `Pain is still at ${score}/10. Keep off running and restart only with 1-minute runs between 3-minute walks once it is below 3/10.`,
        `Don't run through this: rest from impact until it settles, then follow the four-week walk/run return, stopping if it reaches 3/10.`,
      ],
      [
        `Your back keeps hurting at 3/10 or more. Stay off running and begin the walk/run plan only once everyday movement is comfortable.`,
        `Repeated pain at this level is a signal to pause: no running, and the walk/run return only once it is below 3/10.`,
      ],
    ],
    recovery,
  };
}
