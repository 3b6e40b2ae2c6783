import { InvalidArgumentError } from 'commander';
import type { CoachAdvice } from '@runcue/coach';
import { logPain } from '@runcue/notifier';
import type { PainLocation, PainRedFlag } from '@runcue/coach';
import { athleteFor, runFor } from '@runcue/operations';
import { openDb } from '../open-db.ts';
import type { RegisterCommand } from './register.ts';

const WHERE: readonly PainLocation[] = ['lower-back', 'hip', 'leg'];
const FLAGS: readonly PainRedFlag[] = ['numbness', 'leg-weakness', 'saddle-numbness', 'night-pain'];

/** Parses a pain score: a whole number from 0 to 10. */
export function parsePainScore(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new InvalidArgumentError('expected a whole number from 0 (none) to 10 (worst)');
  return n;
}

function parseWhere(value: string): PainLocation {
  const w = WHERE.find((x) => x === value);
  if (!w) throw new InvalidArgumentError(`expected one of ${WHERE.join(', ')}`);
  return w;
}

function collectFlag(value: string, previous: PainRedFlag[]): PainRedFlag[] {
  const f = FLAGS.find((x) => x === value);
  if (!f) throw new InvalidArgumentError(`expected one of ${FLAGS.join(', ')}`);
  return [...previous, f];
}

/** The advice as the terminal shows it: cues first, then recovery work with doses. */
export function formatAdvice(advice: CoachAdvice): string {
  const lines: string[] = [];
  for (const c of advice.cues) {
    lines.push(
      `${c.severity === 'stop' ? '!! ' : '-  '}${c.message}`,
      `   why: ${c.reason}`,
      `   source: ${c.source.join(', ')}`,
    );
  }
  for (const r of advice.recovery) {
    lines.push(`${r.title}:`);
    for (const e of r.exercises) lines.push(`   ${e.name}: ${e.dose}`);
  }
  if (advice.suppressedTraining)
    lines.push('Training advice is paused until a professional has looked at these symptoms.');
  return `${lines.join('\n')}\n`;
}

/** `runcue pain <0-10>`: log pain (tied to a run if asked) and print the advice straight away. */
export const registerPain: RegisterCommand = (program, ctx) => {
  program
    .command('pain')
    .description('log back pain (0-10) and get advice right away')
    .argument('<score>', '0 = none, 10 = worst imaginable; 3 or more means stop running', parsePainScore)
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .option('--run <id>', "the run it refers to: an activity id or 'latest'")
    .option('--where <where>', `where it hurts: ${WHERE.join('|')}`, parseWhere)
    .option('--flag <flag>', `a red-flag symptom (repeatable): ${FLAGS.join('|')}`, collectFlag, [])
    .option('--note <text>', 'anything else worth remembering')
    .action(
      async (
        score: number,
        opts: { athlete?: string; run?: string; where?: PainLocation; flag: PainRedFlag[]; note?: string },
      ) => {
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const athlete = await athleteFor(db, opts.athlete);
        const activityId = opts.run === undefined ? null : (await runFor(db, athlete, opts.run)).id;
        const now = ctx.now();
        const { entry, advice } = await logPain(
          db,
          athlete,
          {
            score,
            where: opts.where ?? null,
            flags: opts.flag,
            activityId,
            note: opts.note ?? null,
            at: now,
          },
          now,
        );
        ctx.stdout(
          `logged ${entry.score}/10${entry.where ? ` (${entry.where})` : ''}${entry.flags.length ? ` with ${entry.flags.join(', ')}` : ''} for ${athlete.name}${activityId ? `, run ${activityId}` : ''}\n\n`,
        );
        ctx.stdout(
          advice.cues.length + advice.recovery.length > 0
            ? formatAdvice(advice)
            : 'Nothing to change for now; keep logging how your back feels after runs.\n',
        );
      },
    );
};
