import { InvalidArgumentError } from 'commander';
import {
  PAIN_LOCATIONS,
  PAIN_RED_FLAGS,
  painLocationSchema,
  painRedFlagSchema,
  painScoreSchema,
} from '@runcue/analysis';
import {
  type AdviceItem,
  type CoachAdvice,
  type PainLocation,
  type PainMilestoneKind,
  type PainRedFlag,
} from '@runcue/coach';
import { athleteFor, logPain, recordPainMilestone, runFor, type PainAdvice } from '@runcue/operations';
import { CliError } from '../cli-error.ts';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

const MILESTONES: Readonly<Record<string, PainMilestoneKind>> = {
  cleared: 'cleared',
  'return-done': 'return-done',
};

/** Parses a pain score: a whole number from 0 to 10 (the shared pain-entry schema decides). */
export function parsePainScore(value: string): number {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  const score = painScoreSchema.safeParse(n);
  if (!score.success) throw new InvalidArgumentError('expected a whole number from 0 (none) to 10 (worst)');
  return score.data;
}

/** The first argument of `runcue pain`: a score, or one of the milestones. */
function parseScoreOrMilestone(value: string): number | PainMilestoneKind {
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

function parseWhere(value: string): PainLocation {
  const w = painLocationSchema.safeParse(value);
  if (!w.success) throw new InvalidArgumentError(`expected one of ${PAIN_LOCATIONS.join(', ')}`);
  return w.data;
}

function collectFlag(value: string, previous: PainRedFlag[]): PainRedFlag[] {
  const f = painRedFlagSchema.safeParse(value);
  if (!f.success) throw new InvalidArgumentError(`expected one of ${PAIN_RED_FLAGS.join(', ')}`);
  return [...previous, f.data];
}

/** The advice as the terminal shows it: safety first, then recovery work, each with why and its source. */
export function formatAdvice(
  advice: Pick<CoachAdvice, 'suppressedTraining' | 'notes'>,
  items: readonly AdviceItem[],
): string {
  const lines: string[] = [];
  for (const item of items) {
    const mark = item.kind === 'safety' ? '!! ' : '-  ';
    lines.push(`${mark}${item.message}`, `   why: ${item.reason}`, `   source: ${item.source}`);
  }
  if (advice.suppressedTraining) lines.push('Training advice is withheld for now.');
  if (items.length === 0) lines.push(...advice.notes);
  return `${lines.join('\n')}\n`;
}

/** The JSON `runcue pain --json` prints: what was recorded, then the advice items. */
function adviceJson(result: PainAdvice): object {
  return {
    advice: result.items,
    trainingWithheld: result.advice.suppressedTraining,
    notes: result.advice.notes,
  };
}

/**
 * `runcue pain <0-10>`: log pain (tied to a run if asked) and print the advice straight away.
 * `runcue pain cleared` records that a professional has cleared the runner after a red flag (the
 * only thing that lifts one); `runcue pain return-done` that the walk/run return plan is done.
 */
export const registerPain: RegisterCommand = (program, ctx) => {
  program
    .command('pain')
    .description(
      "log back pain (0-10) and get advice right away; 'cleared' once a professional has cleared you after a red flag; 'return-done' when the walk/run return plan is done",
    )
    .argument(
      '<score>',
      "0 = none, 10 = worst imaginable (3 or more means stop running); or 'cleared' or 'return-done'",
      parseScoreOrMilestone,
    )
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .option('--run <id>', "the run it refers to: an activity id or 'latest'")
    .option('--where <where>', `where it hurts: ${PAIN_LOCATIONS.join('|')}`, parseWhere)
    .option('--flag <flag>', `a red-flag symptom (repeatable): ${PAIN_RED_FLAGS.join('|')}`, collectFlag, [])
    .option('--note <text>', 'anything else worth remembering')
    .option('--json', 'print the entry and the advice items as one JSON object')
    .action(
      async (
        score: number | PainMilestoneKind,
        opts: {
          athlete?: string;
          run?: string;
          where?: PainLocation;
          flag: PainRedFlag[];
          note?: string;
          json?: boolean;
        },
      ) => {
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const athlete = await athleteFor(db, opts.athlete);
        const now = ctx.now();
        if (typeof score === 'string') {
          if (opts.run !== undefined || opts.where !== undefined || opts.flag.length > 0)
            throw new CliError('USAGE', `'runcue pain ${score}' takes only --athlete, --note and --json`);
          const recorded = await recordPainMilestone(db, athlete, score, now, opts.note ?? null);
          if (opts.json) {
            ctx.stdout(
              `${JSON.stringify({ milestone: recorded.milestone, ...adviceJson(recorded) }, null, 2)}\n`,
            );
            return;
          }
          ctx.stdout(
            score === 'cleared'
              ? `recorded that a professional has cleared ${athlete.name}; red flags logged before now no longer hold training back\n\n`
              : `recorded that ${athlete.name} has finished the walk/run return plan\n\n`,
          );
          ctx.stdout(formatAdvice(recorded.advice, recorded.items));
          return;
        }
        const activityId = opts.run === undefined ? null : (await runFor(db, athlete, opts.run)).id;
        const logged = await logPain(
          db,
          athlete,
          { score, where: opts.where ?? null, flags: opts.flag, activityId, note: opts.note ?? null },
          now,
        );
        const { entry } = logged;
        if (opts.json) {
          ctx.stdout(`${JSON.stringify({ entry, ...adviceJson(logged) }, null, 2)}\n`);
          return;
        }
        ctx.stdout(
          `logged ${entry.score}/10${entry.where ? ` (${entry.where})` : ''}${entry.flags.length ? ` with ${entry.flags.join(', ')}` : ''} for ${athlete.name}${activityId ? `, run ${activityId}` : ''}\n\n`,
        );
        ctx.stdout(formatAdvice(logged.advice, logged.items));
      },
    );
};
