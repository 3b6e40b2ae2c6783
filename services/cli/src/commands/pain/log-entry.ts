import { logPain, painAdviceJson, runFor } from '@runcue/operations';
import type { Athlete, Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';
import { formatAdvice } from './format-advice.ts';
import type { PainOptions } from './pain-options.ts';

/** `runcue pain <0-10>`: logs the entry (tied to a run if asked) and prints the advice at once. */
export async function logEntry(
  ctx: CliContext,
  db: Db,
  athlete: Athlete,
  score: number,
  opts: PainOptions,
): Promise<void> {
  const activityId = opts.run === undefined ? null : (await runFor(db, athlete, opts.run)).id;
  const logged = await logPain(
    db,
    athlete,
    { score, where: opts.where ?? null, flags: opts.flag, activityId, note: opts.note ?? null },
    ctx.now(),
  );
  const { entry } = logged;
  if (opts.json) {
    ctx.stdout(`${JSON.stringify({ entry, ...painAdviceJson(logged) }, null, 2)}\n`);
    return;
  }
  ctx.stdout(
    `logged ${entry.score}/10${entry.where ? ` (${entry.where})` : ''}${entry.flags.length ? ` with ${entry.flags.join(', ')}` : ''} for ${athlete.name}${activityId ? `, run ${activityId}` : ''}\n\n`,
  );
  ctx.stdout(formatAdvice(logged.advice, logged.items));
}
