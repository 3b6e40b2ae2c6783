import type { RecoverySuggestion } from './cue.ts';
import { SOURCES } from './sources.ts';

/**
 * The recovery and strength work the coach can suggest, each with doses. Rules name the entries
 * that fit their finding; the coach de-duplicates them. Doses not given by a reference (plank
 * holds, clamshell reps) are conservative starting points, meant to grow as they get easy.
 */

export type RecoveryId =
  | 'first-72-hours'
  | 'rehab-circuit'
  | 'return-to-run'
  | 'core-endurance'
  | 'glute-strength'
  | 'hip-mobility'
  | 'strength-twice-weekly';

type Entry = Omit<RecoverySuggestion, 'id'>;

export const RECOVERY: Readonly<Record<RecoveryId, Entry>> = {
  'first-72-hours': {
    title: 'Settle the flare-up (first three days)',
    exercises: [
      { name: 'Walking in chest-deep water instead of running', dose: '20 min a day' },
      {
        name: 'Ice, then heat on the lower back',
        dose: '10 min ice followed by 15 min heat, up to 4 times a day',
      },
      {
        name: 'Sleep with a pillow under the knees (on your back) or between them (on your side)',
        dose: 'every night',
      },
    ],
    reason:
      'Irritated tissue calms down best with rest from impact; hold off stretching and foam rolling until the sharp pain has gone.',
    source: [SOURCES.rehab],
  },
  'rehab-circuit': {
    title: 'Daily 12-minute back rehab circuit',
    exercises: [
      { name: 'Dead bugs', dose: '3 × 10 per side' },
      { name: 'Glute bridges with a band above the knees', dose: '3 × 12' },
      { name: 'Cat-cow, slow and smooth', dose: '2 min' },
      { name: '90/90 hip rotations', dose: '2 min per side' },
    ],
    reason:
      'It wakes up the deep core and the glutes so the lower back stops doing their job, and keeps the hips moving.',
    source: [SOURCES.rehab],
  },
  'return-to-run': {
    title: 'Four-week walk/run return',
    exercises: [
      {
        name: 'Week 1: run 1 min, walk 3 min',
        dose: '6 rounds, 3 days a week, after 5 min of glute activation',
      },
      { name: 'Week 2: run 2 min, walk 2 min', dose: '8 rounds, 3 days a week' },
      { name: 'Week 3: run 4 min, walk 1 min', dose: '6 rounds, 4 days a week' },
      {
        name: 'Week 4 on: continuous running',
        dose: 'add no more than 10% distance a week, keep strength work twice a week',
      },
    ],
    reason:
      'Coming back gradually after pain stops the back being overloaded again the moment it feels better; stop any session that reaches 3/10.',
    source: [SOURCES.rehab],
  },
  'core-endurance': {
    title: 'Core endurance (twice a week)',
    exercises: [
      { name: 'Front plank', dose: '3 × 30 s, build to 60 s' },
      { name: 'Side plank', dose: '3 × 20 s per side, build to 45 s' },
      { name: 'Bird dogs', dose: '3 × 10 per side, 2 s hold' },
      { name: 'Dead bugs', dose: '3 × 10 per side' },
    ],
    reason:
      'The deep trunk muscles have to hold posture for the whole run; training them for endurance keeps the torso steady when you tire.',
    source: [SOURCES.posture, SOURCES.causes, SOURCES.rehab],
  },
  'glute-strength': {
    title: 'Glute strength (twice a week)',
    exercises: [
      { name: 'Glute bridges with a band', dose: '3 × 12' },
      { name: 'Single-leg glute bridges', dose: '3 × 8 per side' },
      { name: 'Clamshells', dose: '3 × 15 per side' },
      { name: 'Step-ups', dose: '3 × 10 per side' },
    ],
    reason:
      'Strong glutes keep the pelvis level late in a run; when they tire, the lower back takes over their work.',
    source: [SOURCES.causes, SOURCES.posture, SOURCES.rehab],
  },
  'hip-mobility': {
    title: 'Hip flexor and hip mobility (daily, 10 min)',
    exercises: [
      { name: 'Half-kneeling hip flexor stretch', dose: '2 × 30 s per side' },
      { name: 'Standing quad stretch', dose: '2 × 30 s per side' },
      { name: '90/90 hip rotations', dose: '2 min per side' },
    ],
    reason:
      'Tight hip flexors tip the pelvis forward and arch the lower back, and make it harder to bring the foot down under the body.',
    source: [SOURCES.causes, SOURCES.rehab],
  },
  'strength-twice-weekly': {
    title: 'Two short strength sessions a week',
    exercises: [
      { name: 'Single-leg Romanian deadlifts (light weight)', dose: '3 × 8 per side' },
      { name: 'Hip thrusts', dose: '3 × 10' },
      { name: 'Side planks', dose: '3 × 20 s per side' },
    ],
    reason:
      'Two sessions a week on glutes, hips and core are enough to keep back niggles away for most runners.',
    source: [SOURCES.causes, SOURCES.rehab],
  },
};

/** The suggestions for the given ids, in the order given, each once. */
export function recoverySuggestions(ids: readonly RecoveryId[]): RecoverySuggestion[] {
  return [...new Set(ids)].map((id) => ({ id, ...RECOVERY[id] }));
}
