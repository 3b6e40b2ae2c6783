/**
 * One entry in the runner's pain log. It lives in analysis (upstream of coach) so trends can relate
 * pain to cadence, form decay and load; coach re-exports it.
 */

export type PainLocation = 'lower-back' | 'hip' | 'leg';

/** Symptoms that mean "see a doctor or physio" rather than "adjust training". */
export type PainRedFlag = 'numbness' | 'leg-weakness' | 'saddle-numbness' | 'night-pain';

export const PAIN_RED_FLAGS: readonly PainRedFlag[] = [
  'numbness',
  'leg-weakness',
  'saddle-numbness',
  'night-pain',
];

export interface PainEntry {
  /** When the pain was logged, ISO 8601 with offset or Z. */
  at: string;
  /** 0 (none) to 10 (worst imaginable). */
  score: number;
  where: PainLocation | null;
  flags: PainRedFlag[];
  /** The run the entry refers to, when the runner tied it to one. */
  activityId: string | null;
  note: string | null;
}
