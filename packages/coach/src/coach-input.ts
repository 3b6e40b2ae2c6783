import type { PainEntry, PainMilestone, RunAnalysis, Units, WeeklyTrends } from '@runcue/analysis';
import type { Cue, RecoverySuggestion } from './cue.ts';

export interface CoachProfile {
  /** Cadence the athlete aims to stay above, steps/min (default 170). */
  thresholdSpm: number;
  units: Units;
  /** A run at least this long counts as a long run (fuelling advice), m. Default 15 km. */
  longRunM?: number;
  /** Pace drift above this % triggers pacing advice. Default 5. */
  paceDriftPercent?: number;
  /** Decoupling above this % triggers pacing advice. Default 5. */
  decouplingPercent?: number;
}

export interface ShoeStatus {
  name: string;
  /** Total distance on the shoe including this run, m. */
  distanceM: number;
  /** Warn from this distance, m (default 300 miles). */
  warnAtM: number;
}

export interface CueHistoryEntry {
  cueId: string;
  level: number;
  /** When the cue was sent, ISO 8601. */
  at: string;
}

export interface CoachInput {
  analysis: RunAnalysis;
  /** Load context; null when there is no history yet. The last week is the current one. */
  trends: WeeklyTrends | null;
  /**
   * Recent pain log entries, plus every red-flag entry since the last clearance however old (a red
   * flag never expires on its own).
   */
  pain: readonly PainEntry[];
  /** The runner's newest clearance after a red flag and newest "return plan done", if any. */
  painMilestones?: readonly PainMilestone[];
  /** Start times (ISO) of the runner's runs of the last weeks: the return plan counts its sessions. */
  runStarts?: readonly string[];
  profile: CoachProfile;
  shoe: ShoeStatus | null;
  history: { recentCues: readonly CueHistoryEntry[] };
  /** The moment of coaching, ISO 8601: ages of pain entries and cues are measured from it. */
  now: string;
}

/** The input of the weekly review: the same context without a single run. */
export type CoachWeekInput = Omit<CoachInput, 'analysis' | 'trends'> & { trends: WeeklyTrends };

/** The input of advice right after a pain entry: the pain context alone, no run and no week. */
export type CoachPainInput = Omit<CoachInput, 'analysis' | 'trends' | 'shoe'>;

export interface CoachAdvice {
  /** 0-3 cues, most important first. */
  cues: Cue[];
  recovery: RecoverySuggestion[];
  /**
   * True when pain withheld every training cue: a red flag, pain at 3/10 or more, or pain that
   * needs a professional's look.
   */
  suppressedTraining: boolean;
  /** What the coach could not judge or chose not to repeat, for the report's small print. */
  notes: string[];
}
