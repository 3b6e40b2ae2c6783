import type { PainMilestoneKind } from '@runcue/coach';
import { painAdviceJson, recordPainMilestone } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { CliError } from '../../cli-error.ts';
import { formatAdvice } from './format-advice.ts';
import type { PainOptions } from './pain-options.ts';

/** `runcue pain cleared|return-done`: records the milestone and prints the advice it leads to. */
export async function logMilestone(
  ctx: CliContext,
  db: Db,
  athlete: Athlete,
  milestone: PainMilestoneKind,
  opts: PainOptions,
): Promise<void> {
  if (opts.run !== undefined || opts.where !== undefined || opts.flag.length > 0)
    throw new CliError('USAGE', `'runcue pain ${milestone}' takes only --athlete, --note and --json`);
  const recorded = await recordPainMilestone(db, athlete, milestone, ctx.now(), opts.note ?? null);
  if (opts.json) {
    ctx.stdout(
      `${JSON.stringify({ milestone: recorded.milestone, ...painAdviceJson(recorded) }, null, 2)}\n`,
    );
    return;
  }
  ctx.stdout(
    milestone === 'cleared'
      ? `recorded that a professional has cleared ${athlete.name}; red flags logged before now no longer hold training back\n\n`
      : `recorded that ${athlete.name} has finished the walk/run return plan\n\n`,
  );
  ctx.stdout(formatAdvice(recorded.advice, recorded.items));
}
