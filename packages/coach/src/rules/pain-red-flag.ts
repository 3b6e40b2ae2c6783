import type { PainEntry, PainRedFlag } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import { painWithin, RED_FLAG_WINDOW_DAYS } from './pain-window.ts';

const FLAG_WORDS: Record<PainRedFlag, string> = {
  numbness: 'numbness',
  'leg-weakness': 'weakness in a leg',
  'saddle-numbness': 'numbness in the groin or saddle area',
  'night-pain': 'pain that wakes you at night',
};

/**
 * Red-flag pain: numbness, leg weakness, saddle numbness or night pain in the last two weeks. The
 * coach withholds every training cue and says to see a doctor or physio; saddle numbness is an
 * emergency (003 and 004, when to see a professional).
 */
export function painRedFlag(entries: readonly PainEntry[], nowMs: number): Finding | null {
  const flagged = painWithin(entries, nowMs, RED_FLAG_WINDOW_DAYS).filter((p) => p.entry.flags.length > 0);
  const latest = flagged[0];
  if (latest === undefined) return null;
  const flags = [...new Set(flagged.flatMap((p) => p.entry.flags))];
  const emergency = flags.includes('saddle-numbness');
  const words = flags.map((f) => FLAG_WORDS[f]).join(', ');
  const days = Math.floor(latest.ageDays);
  const when = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  const see = emergency
    ? 'Numbness in the saddle area needs urgent care: go to an emergency department or call emergency services now, and do not run.'
    : 'Please stop training and book an appointment with a doctor or physiotherapist before your next run.';
  return {
    id: 'pain-red-flag',
    severity: 'stop',
    priority: 100,
    training: false,
    reason: `You logged ${words} (latest ${when}, pain ${latest.entry.score}/10). These symptoms can point to nerve involvement and need to be checked by a professional.`,
    metrics: {
      flags: flags.join(','),
      latestScore: latest.entry.score,
      daysAgo: days,
      emergency: emergency ? 'yes' : 'no',
    },
    source: [SOURCES.rehab, SOURCES.causes],
    messages: [
      [see],
      [`${see} Training advice is paused until you have been seen.`],
      [
        `${see} Once a professional has cleared you, log a new pain entry without flags and coaching resumes.`,
      ],
    ],
    recovery: [],
  };
}
