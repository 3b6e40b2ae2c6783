import type { AdviceItem, CoachAdvice } from '@runcue/coach';

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
