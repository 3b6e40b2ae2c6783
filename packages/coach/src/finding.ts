import type { AdviceKind, CueSeverity, SourceRef } from './cue.ts';
import type { RecoveryId } from './recovery-catalogue.ts';

/**
 * What a rule returns when it fires: everything needed to make a cue except the level, which
 * the history decides. `messages[0]` holds the first-time phrasings, `[1]` the second, `[2]` the
 * persistent ones; the coach picks the level and rotates among the phrasings of that level.
 */
export interface Finding {
  id: string;
  kind: AdviceKind;
  severity: CueSeverity;
  /**
   * Higher first. Red flags 100, see a professional 95, stop 90, return plan 80, load 70,
   * mild pain 65, form 55-60, pacing 50, shoes 30.
   */
  priority: number;
  /** Safety findings that withhold every training finding while they hold. */
  withholdsTraining?: boolean;
  reason: string;
  metrics: Record<string, number | string | null>;
  source: SourceRef[];
  messages: readonly [readonly string[], readonly string[], readonly string[]];
  recovery: readonly RecoveryId[];
  /** For low-priority info: not sent again within this many days. */
  quietDays?: number;
}
