import type { Cue, CueSeverity, RecoverySuggestion } from '@runcue/coach';
import type { AdviceItem, Tone } from './report-document.ts';

const SEVERITY: Record<CueSeverity, { title: string; tone: Tone }> = {
  info: { title: 'Note', tone: 'muted' },
  advice: { title: 'Cue', tone: 'normal' },
  warning: { title: 'Important', tone: 'warning' },
  stop: { title: 'Stop and rest', tone: 'warning' },
};

/**
 * Turns the coach's cues into report items, in the coach's order (it has already prioritised
 * them). A cue that fired on earlier runs too says how many runs in a row.
 */
export function cueItems(cues: readonly Cue[]): AdviceItem[] {
  return cues.map((cue) => {
    const { title, tone } = SEVERITY[cue.severity];
    const repeat = cue.level > 1 ? ` (${cue.level} runs in a row)` : '';
    return {
      title: `${title}${repeat}`,
      tone,
      body: cue.message,
      reason: cue.reason,
      source: [...cue.source],
    };
  });
}

/** Turns recovery suggestions into report items with their exercises and doses. */
export function recoveryItems(suggestions: readonly RecoverySuggestion[]): AdviceItem[] {
  return suggestions.map((s) => ({
    title: s.title,
    tone: 'good',
    body: '',
    exercises: s.exercises.map((e) => ({ name: e.name, dose: e.dose })),
    reason: s.reason,
    source: [...s.source],
  }));
}
