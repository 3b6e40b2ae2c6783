import type { PainEntry } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import type { DatedPain } from './pain-window.ts';
import { PAIN_CURRENT_DAYS, PAIN_PERSISTENT_DAYS, PAIN_STOP_SCORE, painWithin } from './pain-window.ts';

/**
 * Pain at 3/10 or more: stop running, take 3-5 days off impact, then come back with the four-week
 * walk/run progression (003: the 3/10 rule, days off impact, return-to-run table). When the pain has
 * stayed at that level for two weeks, it also says to see a professional (003, 004).
 */
export function painStop(entries: readonly PainEntry[], nowMs: number): Finding | null {
  const recent = painWithin(entries, nowMs, PAIN_PERSISTENT_DAYS + PAIN_CURRENT_DAYS);
  const latest = recent[0];
  if (latest === undefined || latest.ageDays > PAIN_CURRENT_DAYS || latest.entry.score < PAIN_STOP_SCORE)
    return null;
  const high = recent.filter((p) => p.entry.score >= PAIN_STOP_SCORE);
  const persistentDays = persistentHighDays(recent);
  const persistent = persistentDays !== null;
  const where = latest.entry.where === null ? '' : ` (${latest.entry.where.replace('-', ' ')})`;
  const see = persistent
    ? ' It has not eased in two weeks, so have it assessed by a physiotherapist or doctor.'
    : '';
  return {
    id: 'pain-stop',
    severity: 'stop',
    priority: 90,
    training: true,
    reason: `Your latest pain score is ${latest.entry.score}/10${where}; at 3/10 or more running keeps irritating the back.${persistent ? ` Pain has been at 3/10 or more for ${persistentDays} days.` : ''}`,
    metrics: {
      latestScore: latest.entry.score,
      where: latest.entry.where,
      highEntries: high.length,
      persistentDays,
    },
    source: persistent ? [SOURCES.rehab, SOURCES.causes] : [SOURCES.rehab],
    messages: [
      [
        `Stop running for now: give your back 3 to 5 days without impact, then ease back in with the walk/run weeks below.${see}`,
      ],
      [
        `Pain is still at ${latest.entry.score}/10. Keep off running for 3 to 5 days and restart with 1-minute runs between 3-minute walks.${see}`,
        `Don't run through this: rest from impact for 3 to 5 days, then follow the four-week walk/run return, stopping if it reaches 3/10.${see}`,
      ],
      [
        `Your back keeps hurting at 3/10 or more. Stay off running for at least 3 to 5 days and begin the walk/run plan only once everyday movement is comfortable.${see}`,
        `Repeated pain at this level is a signal to pause: no running for 3 to 5 days, the rehab circuit daily, then the walk/run return.${see}`,
      ],
    ],
    recovery: ['first-72-hours', 'rehab-circuit', 'return-to-run'],
  };
}

/**
 * Days the pain has stayed at the stop level: the age of the oldest entry of the unbroken run of
 * high scores that ends with the latest one, when that is two weeks or more; else null.
 */
function persistentHighDays(newestFirst: readonly DatedPain[]): number | null {
  let oldest: DatedPain | null = null;
  for (const p of newestFirst) {
    if (p.entry.score < PAIN_STOP_SCORE) break;
    oldest = p;
  }
  if (oldest === null || oldest.ageDays < PAIN_PERSISTENT_DAYS) return null;
  return Math.floor(oldest.ageDays);
}
