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
  'pain-see-professional': 'pain that needs a professional',
  'pain-red-flag': 'red-flag symptoms',
  'return-to-run': 'the walk/run return plan',
  steady: 'a steady run',
};
const label = (id: string): string => CUE_LABELS[id] ?? id;
const STRENGTH_IDS: readonly RecoveryId[] = [
  'core-endurance',
  'glute-strength',
  'strength-twice-weekly',
  'rehab-circuit',
];
/** In the first 72 hours of a flare-up: only calming it down and the plan for afterwards. */
const FLARE_UP_RECOVERY: readonly RecoveryId[] = ['first-72-hours', 'return-to-run'];

export interface BuildOptions {
  /** The runner is in the first 72 hours of a flare-up: no stretching or strength circuits. */
  flareUp: boolean;
  /** Shown when no finding fired and nothing is withheld (the run held up). */
  fallback: Finding | null;
}

/**
 * Turn the rules' findings into advice. Safety first: while a safety finding withholds training
 * (a red flag, pain at 3/10 or more, pain that needs a professional), every training finding is
 * dropped and only safety and recovery items remain; under a red flag no exercises are given,
 * and in the first 72 hours of a flare-up no stretching or strength work. Then info cues sent
 * recently are held back, the three most important kept (safety leads: it has the highest
 * priority), each given its level from the history and its rotating wording, and the recovery
 * work the kept findings call for collected.
 */
export function buildAdvice(
  findings: ReadonlyArray<Finding | null>,
  history: readonly CueHistoryEntry[],
  nowMs: number,
  notes: string[],
  options: BuildOptions,
): CoachAdvice {
  const fired = findings.filter((f): f is Finding => f !== null);
  const withholding = fired.filter((f) => f.withholdsTraining === true);
  const suppressedTraining = withholding.length > 0;
  const redFlag = fired.some((f) => f.id === 'pain-red-flag');
  let candidates = fired;
  if (redFlag) {
    // Urgent care says it all: no rest plan, walk/run return or mild-pain tips beside it.
    candidates = fired.filter((f) => f.id === 'pain-red-flag');
    const training = fired.filter((f) => f.kind === 'training');
    const other = fired.filter((f) => f.kind !== 'training' && f.id !== 'pain-red-flag');
    if (training.length > 0)
      notes.push(
        `Training advice withheld because of red-flag symptoms: ${training.map((f) => label(f.id)).join(', ')}.`,
      );
    if (other.length > 0)
      notes.push(
        `Also on hold until a professional has seen you: ${other.map((f) => label(f.id)).join(', ')}.`,
      );
  } else if (suppressedTraining) {
    const withheld = fired.filter((f) => f.kind === 'training');
    candidates = fired.filter((f) => f.kind !== 'training');
    if (withheld.length > 0)
      notes.push(
        `Training advice withheld because of ${withholding.map((f) => label(f.id)).join(' and ')}: ${withheld.map((f) => label(f.id)).join(', ')}.`,
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
  if (kept.length === 0 && !suppressedTraining && options.fallback !== null) kept.push(options.fallback);

  const cues = kept.map((f) => toCue(f, history, nowMs));
  let recoveryIds: RecoveryId[] = redFlag ? [] : kept.flatMap((f) => [...f.recovery]);
  if (options.flareUp) {
    recoveryIds = recoveryIds.filter((id) => FLARE_UP_RECOVERY.includes(id));
  } else if (
    !suppressedTraining &&
    cues.some((c) => c.kind === 'training' && c.id !== 'steady') &&
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
    kind: f.kind,
    severity: f.severity,
    message,
    reason: f.reason,
    metrics: f.metrics,
    source: [...f.source],
    level,
  };
}
