import type { CoachAdvice, CueHistoryEntry } from './coach-input.ts';
import type { Cue } from './cue.ts';
import { cueLevel, daysSinceSent, phrasingIndex } from './cue-history.ts';
import type { Finding } from './finding.ts';
import type { RecoveryId } from './recovery-catalogue.ts';
import { recoverySuggestions } from './recovery-catalogue.ts';

const MAX_CUES = 3;

/** How notes name a cue for the runner. */
const CUE_LABELS: Readonly<Record<string, string>> = {
  'cadence-low': 'low cadence',
  'form-decay': 'late-run form decay',
  'pace-drift': 'pace drift',
  'load-ramp': 'the jump in weekly load',
  'shoe-mileage': 'shoe mileage',
  'pain-monitor': 'mild pain',
  'pain-stop': 'pain at 3/10 or more',
  'pain-red-flag': 'red-flag symptoms',
  steady: 'a steady run',
};
const label = (id: string): string => CUE_LABELS[id] ?? id;
const STRENGTH_IDS: readonly RecoveryId[] = [
  'core-endurance',
  'glute-strength',
  'strength-twice-weekly',
  'rehab-circuit',
];

/**
 * Turn the rules' findings into advice: withhold training findings under a red flag, hold back
 * info cues sent recently, keep the three most important, give each its level from the history
 * and rotate its wording, and collect the recovery work the kept findings call for.
 */
export function buildAdvice(
  findings: ReadonlyArray<Finding | null>,
  history: readonly CueHistoryEntry[],
  nowMs: number,
  notes: string[],
  fallback: Finding | null,
): CoachAdvice {
  const fired = findings.filter((f): f is Finding => f !== null);
  const suppressedTraining = fired.some((f) => !f.training);
  let candidates = fired;
  if (suppressedTraining) {
    const withheld = fired.filter((f) => f.training);
    candidates = fired.filter((f) => !f.training);
    if (withheld.length > 0)
      notes.push(
        `Training advice withheld because of red-flag symptoms: ${withheld.map((f) => label(f.id)).join(', ')}.`,
      );
  }
  candidates = candidates.filter((f) => {
    if (f.quietDays === undefined) return true;
    const since = daysSinceSent(f.id, history, nowMs);
    if (since === null || since >= f.quietDays) return true;
    notes.push(
      `The note on ${label(f.id)} was given ${Math.floor(since)} day(s) ago and is not repeated yet.`,
    );
    return false;
  });
  candidates.sort((a, b) => b.priority - a.priority);
  const kept = candidates.slice(0, MAX_CUES);
  const dropped = candidates.slice(MAX_CUES);
  if (dropped.length > 0)
    notes.push(
      `Also noticed, held back to keep the list short: ${dropped.map((f) => label(f.id)).join(', ')}.`,
    );
  if (kept.length === 0 && !suppressedTraining && fallback !== null) kept.push(fallback);

  const cues = kept.map((f) => toCue(f, history, nowMs));
  const recoveryIds: RecoveryId[] = suppressedTraining ? [] : kept.flatMap((f) => [...f.recovery]);
  if (
    !suppressedTraining &&
    cues.some((c) => c.id !== 'steady') &&
    !recoveryIds.some((id) => STRENGTH_IDS.includes(id))
  ) {
    recoveryIds.push('strength-twice-weekly');
  }
  return { cues, recovery: recoverySuggestions(recoveryIds), suppressedTraining, notes };
}

function toCue(f: Finding, history: readonly CueHistoryEntry[], nowMs: number): Cue {
  const level = cueLevel(f.id, history, nowMs);
  const phrasings = f.messages[level - 1] ?? f.messages[0];
  const message = phrasings[phrasingIndex(f.id, phrasings.length, history, nowMs)] ?? phrasings[0] ?? '';
  return {
    id: f.id,
    severity: f.severity,
    message,
    reason: f.reason,
    metrics: f.metrics,
    source: [...f.source],
    level,
  };
}
