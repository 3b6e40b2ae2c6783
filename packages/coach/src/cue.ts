/**
 * What the coach says. A cue is advice for the next run; a recovery suggestion is something to do
 * between runs. Both carry their reason in numbers and the reference they rest on.
 */

export type CueSeverity = 'info' | 'advice' | 'warning' | 'stop';

/**
 * What an item is for: `safety` (stop, see a professional, urgent care), `recovery` (rest, rehab,
 * the return-to-run plan, easing mild pain) or `training` (cadence, load, form and pacing targets,
 * which pain at 3/10 or more and red flags withhold).
 */
export type AdviceKind = 'training' | 'recovery' | 'safety';

/**
 * A reference file under shared/reference, e.g. '003_ee1f8b417e742fc5.txt', or
 * `SOURCES.general` for runcue's own general guidance. Shown to runners by `sourceTitle`.
 */
export type SourceRef = string;

export interface Cue {
  /** Stable rule id, e.g. 'cadence-low', 'form-decay', 'load-ramp', 'pain-red-flag'. */
  id: string;
  kind: AdviceKind;
  severity: CueSeverity;
  /** What to do, in one or two sentences, addressed to the runner. */
  message: string;
  /** Why, with the numbers that triggered it. */
  reason: string;
  /** The figures behind the reason, for reports and JSON. */
  metrics: Record<string, number | string | null>;
  source: SourceRef[];
  /** How many times in a row this rule has fired (1 = first time); wording escalates with it. */
  level: number;
}

export interface RecoverySuggestion {
  id: string;
  title: string;
  /** e.g. [{ name: 'Dead bugs', dose: '3 × 10 per side' }] */
  exercises: Array<{ name: string; dose: string }>;
  reason: string;
  source: SourceRef[];
}
