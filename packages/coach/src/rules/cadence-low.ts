import type { Units } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';
import { cadenceTarget } from './cadence-target.ts';

export interface CadenceFigures {
  medianSpm: number | null;
  /** 0..1 of running time below the threshold. */
  shareBelowThreshold: number | null;
  thresholdSpm: number;
  units: Units;
  /** 'run' for a post-run cue, 'week' for the weekly review. */
  scope: 'run' | 'week';
  /**
   * The runner's current cadence the target is built on (see `cadenceBaseline`), so every message
   * in a week carries the same target; the run's or week's own median when not given.
   */
  baselineSpm?: number | null;
}

/**
 * Cadence below the athlete's threshold: ask for about 5% more steps per minute (see
 * `cadenceTarget`), with a metronome and shorter strides that land under the hips. A low step rate
 * usually means overstriding, the commonest running trigger of back pain (003; 002 and 004 for
 * landing under the body). Fires when the median is below the threshold.
 */
export function cadenceLow(f: CadenceFigures): Finding | null {
  if (f.medianSpm === null || !(f.medianSpm < f.thresholdSpm)) return null;
  const median = Math.round(f.medianSpm);
  const base = f.baselineSpm ?? f.medianSpm;
  const target = cadenceTarget(base, f.thresholdSpm);
  // No target at or below what the runner already does (on this run or lately).
  if (target === null || target <= f.medianSpm) return null;
  const share = f.shareBelowThreshold === null ? null : Math.round(f.shareBelowThreshold * 100);
  const stepPercent = Math.round((target / base - 1) * 100);
  const where = f.scope === 'run' ? 'this run' : 'this week';
  const shareText = share === null ? '' : `, with ${share}% of running time under it`;
  return {
    id: 'cadence-low',
    kind: 'training',
    severity: 'advice',
    priority: 55,
    reason: `Median cadence ${where} was ${median} steps/min, below your ${f.thresholdSpm} threshold${shareText}. The next step up, about ${stepPercent}% quicker than ${Math.round(base)}, is ${target}.`,
    metrics: {
      medianSpm: median,
      baselineSpm: Math.round(base),
      targetSpm: target,
      thresholdSpm: f.thresholdSpm,
      shareBelowPercent: share,
    },
    // The references give 170-180 and a metronome; the 5% step and the drill plans are runcue's own.
    source: [SOURCES.rehab, SOURCES.prevention, SOURCES.causes, SOURCES.general],
    messages: [
      [
        `Next run, aim for about ${target} steps a minute: set a metronome app to ${target} and let your feet match the beat.`,
        `Try a slightly quicker rhythm next time, around ${target} steps a minute (a metronome at ${target} helps), rather than longer strides.`,
      ],
      [
        `Keep working towards ${target} steps a minute: take shorter steps and let each foot land under your hips, not out in front.`,
        `Your step rate is still under ${f.thresholdSpm}. For the first 10 minutes run to a ${target} beat and make the strides smaller so your feet land beneath you.`,
      ],
      [
        `Cadence is still under your threshold. Load the cadence workout onto your watch (runcue workout cadence) so it alerts you whenever you drop below ${target}.`,
        `Make ${target} steps a minute a drill: run 3 × 5 min to the watch cadence workout or a metronome, with easy running between, and keep the strides short.`,
      ],
    ],
    recovery: ['hip-mobility'],
  };
}
