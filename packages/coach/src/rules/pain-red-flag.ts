import { PAIN_RED_FLAG_WORDS } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import type { PainState } from './pain-state.ts';

/**
 * Red flags: numbness, leg weakness, saddle numbness, night pain or loss of bladder or bowel
 * control. Urgent professional care, and every training cue withheld until the runner records
 * that a professional has cleared them (`runcue pain cleared`): the flag never expires on its
 * own, and a later entry without flags does not lift it. Saddle numbness and bladder or bowel
 * trouble are an emergency (003: numbness in the saddle area is an emergency, night pain and
 * numbness mean see a doctor straight away; 004: numbness or weakness means medical help).
 * Bladder or bowel control is not in the references: that part is runcue's general guidance.
 */
export function painRedFlag(state: PainState): Finding | null {
  const latest = state.redFlags[0];
  if (latest === undefined) return null;
  const emergency = state.flags.includes('saddle-numbness') || state.flags.includes('bladder-bowel');
  const words = state.flags.map((f) => PAIN_RED_FLAG_WORDS[f]).join(', ');
  const days = Math.floor(latest.ageDays);
  const when = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  const see = emergency
    ? 'Get urgent care now: go to an emergency department or call emergency services, and do not run.'
    : 'Get urgent professional care: see a doctor or physiotherapist as soon as you can (today if possible), and do not run until you have been checked.';
  const resume =
    'Training advice stays paused until you record that a professional has cleared you (runcue pain cleared).';
  return {
    id: 'pain-red-flag',
    kind: 'safety',
    severity: 'stop',
    priority: 100,
    withholdsTraining: true,
    reason: `You logged ${words} (latest ${when}, pain ${latest.entry.score}/10). These symptoms can point to a nerve problem and need to be checked by a professional.`,
    metrics: {
      flags: state.flags.join(','),
      latestScore: latest.entry.score,
      daysAgo: days,
      emergency: emergency ? 'yes' : 'no',
    },
    source: state.flags.includes('bladder-bowel')
      ? [SOURCES.rehab, SOURCES.causes, SOURCES.general]
      : [SOURCES.rehab, SOURCES.causes],
    messages: [[`${see} ${resume}`], [`${see} ${resume}`], [`${see} ${resume}`]],
    recovery: [],
  };
}
