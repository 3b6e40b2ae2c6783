import { InvalidArgumentError } from 'commander';
import {
  PAIN_LOCATIONS,
  PAIN_RED_FLAGS,
  painLocationSchema,
  painRedFlagSchema,
  painScoreSchema,
} from '@runcue/analysis';
import type { PainLocation, PainMilestoneKind, PainRedFlag } from '@runcue/coach';

const MILESTONES: Readonly<Record<string, PainMilestoneKind>> = {
  cleared: 'cleared',
  'return-done': 'return-done',
};

/** Parses a pain score: a whole number from 0 to 10 (the shared pain-entry schema decides). */
function parsePainScore(value: string): number {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  const score = painScoreSchema.safeParse(n);
  if (!score.success) throw new InvalidArgumentError('expected a whole number from 0 (none) to 10 (worst)');
  return score.data;
}

/** The first argument of `runcue pain`: a score, or one of the milestones. */
export function parseScoreOrMilestone(value: string): number | PainMilestoneKind {
  const milestone = MILESTONES[value];
  if (milestone !== undefined) return milestone;
  try {
    return parsePainScore(value);
  } catch {
    throw new InvalidArgumentError(
      "expected a whole number from 0 (none) to 10 (worst), 'cleared' or 'return-done'",
    );
  }
}

export function parseWhere(value: string): PainLocation {
  const w = painLocationSchema.safeParse(value);
  if (!w.success) throw new InvalidArgumentError(`expected one of ${PAIN_LOCATIONS.join(', ')}`);
  return w.data;
}

export function collectFlag(value: string, previous: PainRedFlag[]): PainRedFlag[] {
  const f = painRedFlagSchema.safeParse(value);
  if (!f.success) throw new InvalidArgumentError(`expected one of ${PAIN_RED_FLAGS.join(', ')}`);
  return [...previous, f.data];
}

/** The options of `runcue pain`. */
export interface PainOptions {
  athlete?: string;
  run?: string;
  where?: PainLocation;
  flag: PainRedFlag[];
  note?: string;
  json?: boolean;
}
