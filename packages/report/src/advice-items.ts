import { sourceTitle, type Cue, type CueSeverity, type RecoverySuggestion } from '@runcue/coach';
import type { AdviceItem, Block, Tone } from './report-document.ts';

const SEVERITY: Record<CueSeverity, { title: string; tone: Tone }> = {
  info: { title: 'Note', tone: 'muted' },
  advice: { title: 'Cue', tone: 'normal' },
  warning: { title: 'Important', tone: 'warning' },
  stop: { title: 'Stop and rest', tone: 'warning' },
};

/** A cue's heading: its severity, and for a repeated cue that it was raised before (without a count it cannot stand behind). */
function cueTitle(cue: Cue): string {
  if (cue.id === 'pain-red-flag') return 'Red flag: urgent care';
  if (cue.id === 'pain-see-professional') return 'See a doctor or physiotherapist';
  const { title } = SEVERITY[cue.severity];
  return cue.level > 1 ? `${title} (raised again)` : title;
}

/** Sources by the article's title (never a file name), each once. */
const titles = (refs: readonly string[]): string[] => [...new Set(refs.map(sourceTitle))];

/**
 * Turns the coach's cues into report items, in the coach's order (it has already prioritised
 * them, safety first). A cue raised before says so.
 */
export function cueItems(cues: readonly Cue[]): AdviceItem[] {
  return cues.map((cue) => ({
    title: cueTitle(cue),
    tone: SEVERITY[cue.severity].tone,
    body: cue.message,
    reason: cue.reason,
    source: titles(cue.source),
  }));
}

/** Turns recovery suggestions into report items with their exercises and doses. */
export function recoveryItems(suggestions: readonly RecoverySuggestion[]): AdviceItem[] {
  return suggestions.map((s) => ({
    title: s.title,
    tone: 'good',
    body: '',
    exercises: s.exercises.map((e) => ({ name: e.name, dose: e.dose })),
    reason: s.reason,
    source: titles(s.source),
  }));
}

/** True when the advice holds a red flag: it leads the message and is named in the subject. */
export function hasRedFlag(advice: { cues: readonly Cue[] } | null): boolean {
  return advice?.cues.some((c) => c.id === 'pain-red-flag') ?? false;
}

/** The subject's prefix when a red flag is in force, so it is read before anything else. */
export const RED_FLAG_SUBJECT = 'Red flag: get urgent care before you run again';

/**
 * The safety items (red flag, see a professional, stop) as the first blocks of a message, ahead
 * of every table and chart; the rest of the advice stays in its usual place.
 */
export function safetyBlocks(advice: { cues: readonly Cue[] } | null): Block[] {
  const safety = advice?.cues.filter((c) => c.kind === 'safety') ?? [];
  if (safety.length === 0) return [];
  return [
    { kind: 'heading', text: hasRedFlag(advice) ? 'Red flag: read this first' : 'First, about your pain' },
    { kind: 'advice', items: cueItems(safety) },
  ];
}
