import type { AdviceItem, CoachAdvice } from '@runcue/coach';
import type { PainAdvice } from '@runcue/operations';

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

/** The JSON `runcue pain --json` prints after what was recorded: the advice items. */
export function adviceJson(result: PainAdvice): object {
  return {
    advice: result.items,
    trainingWithheld: result.advice.suppressedTraining,
    notes: result.advice.notes,
  };
}
