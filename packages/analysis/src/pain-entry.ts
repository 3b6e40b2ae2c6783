import { z } from 'zod';

/**
 * One entry in the runner's pain log. It lives in analysis (upstream of coach) so trends can relate
 * pain to cadence, form decay and load; coach re-exports it. The zod schema here is the one
 * definition of a new entry: the store, the API and the CLI all validate with it.
 */

export const PAIN_LOCATIONS = ['lower-back', 'hip', 'leg'] as const;
export type PainLocation = (typeof PAIN_LOCATIONS)[number];

/** Symptoms that mean "get urgent professional care" rather than "adjust training". */
export const PAIN_RED_FLAGS = [
  'numbness',
  'leg-weakness',
  'saddle-numbness',
  'night-pain',
  'bladder-bowel',
] as const;
export type PainRedFlag = (typeof PAIN_RED_FLAGS)[number];

/** What each red flag means, in the runner's words. */
export const PAIN_RED_FLAG_WORDS: Readonly<Record<PainRedFlag, string>> = {
  numbness: 'numbness',
  'leg-weakness': 'weakness in a leg',
  'saddle-numbness': 'numbness in the groin or saddle area',
  'night-pain': 'pain that wakes you at night',
  'bladder-bowel': 'loss of bladder or bowel control',
};

export const PAIN_NOTE_MAX_CHARS = 2000;

/** True for a missing value or text without a NUL character (which no database text column takes). */
export const noNul = (s: string | null | undefined): boolean => s == null || !s.includes('\u0000');

/** A score: a whole number from 0 (none) to 10 (worst imaginable). */
export const painScoreSchema = z.int().min(0).max(10);
export const painLocationSchema = z.enum(PAIN_LOCATIONS);
export const painRedFlagSchema = z.enum(PAIN_RED_FLAGS);

/** The fields a runner gives when logging pain, without the time and the run it refers to. */
export const painReportSchema = z.object({
  score: painScoreSchema.describe('0 (none) to 10 (worst imaginable)'),
  where: painLocationSchema.nullish(),
  flags: z
    .array(painRedFlagSchema)
    .max(PAIN_RED_FLAGS.length)
    .default([])
    .describe('Red-flag symptoms: any of them means urgent care from a doctor or physiotherapist'),
  note: z.string().max(PAIN_NOTE_MAX_CHARS).nullish().refine(noNul, 'must not contain a NUL character'),
});

export type PainReport = z.input<typeof painReportSchema>;

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

/**
 * Milestones the runner records about their back: a professional has cleared them after a red
 * flag (`cleared`), or they finished the walk/run return plan (`return-done`).
 */
export const PAIN_MILESTONE_KINDS = ['cleared', 'return-done'] as const;
export type PainMilestoneKind = (typeof PAIN_MILESTONE_KINDS)[number];

export interface PainMilestone {
  kind: PainMilestoneKind;
  /** ISO 8601. */
  at: string;
  note: string | null;
}
