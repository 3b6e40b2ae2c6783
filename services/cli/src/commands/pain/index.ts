import { PAIN_LOCATIONS, PAIN_RED_FLAGS } from '@runcue/analysis';
import type { PainMilestoneKind } from '@runcue/coach';
import { athleteFor } from '@runcue/operations';
import { openDb } from '../../open-db.ts';
import type { RegisterCommand } from '../register.ts';
import { logEntry } from './log-entry.ts';
import { logMilestone } from './log-milestone.ts';
import { collectFlag, parseScoreOrMilestone, parseWhere, type PainOptions } from './pain-options.ts';

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
    .action(async (score: number | PainMilestoneKind, opts: PainOptions) => {
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const athlete = await athleteFor(db, opts.athlete);
      if (typeof score === 'string') await logMilestone(ctx, db, athlete, score, opts);
      else await logEntry(ctx, db, athlete, score, opts);
    });
};
