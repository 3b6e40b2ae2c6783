import { METRES_PER_MILE, type Units } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { formatNumber } from '../format-units.ts';
import { SOURCES } from '../sources.ts';

export const PACE_DRIFT_FLAG_PERCENT = 5;
export const DECOUPLING_FLAG_PERCENT = 5;
const DECOUPLING_HIGH_PERCENT = 10;

export interface PaceDriftFigures {
  /** Grade-adjusted slowdown, second half vs first, %. */
  driftPercent: number | null;
  driftSPerKm: number | null;
  decouplingPercent: number | null;
  driftFlagPercent: number;
  decouplingFlagPercent: number;
  scope: 'run' | 'week';
  units: Units;
}

/**
 * Pace drift and aerobic decoupling: the second half was slower, or cost more heartbeats, than the
 * first. Advice: start easier and keep the effort even. The references do not cover pacing, so
 * this is runcue's own general guidance, labelled as such; fuelling belongs to long runs and is
 * given by the form-decay rule where a reference supports it. Only eligible (steady) runs carry
 * a drift or decoupling figure, so an interval session never gets "start easier".
 */
export function paceDrift(f: PaceDriftFigures): Finding | null {
  const drift = f.driftPercent !== null && f.driftPercent > f.driftFlagPercent ? f.driftPercent : null;
  const dec =
    f.decouplingPercent !== null && f.decouplingPercent > f.decouplingFlagPercent
      ? f.decouplingPercent
      : null;
  if (drift === null && dec === null) return null;
  const facts: string[] = [];
  const when = f.scope === 'run' ? 'this run' : 'this week (median)';
  if (drift !== null) {
    const perKm =
      f.driftSPerKm === null
        ? ''
        : f.units === 'mi'
          ? ` (${Math.round((f.driftSPerKm * METRES_PER_MILE) / 1000)} s/mi)`
          : ` (${Math.round(f.driftSPerKm)} s/km)`;
    facts.push(
      `grade-adjusted pace slowed ${formatNumber(drift)}%${perKm} from the first half to the second`,
    );
  }
  if (dec !== null)
    facts.push(`heart rate drifted ${formatNumber(dec)}% against pace (decoupling; under 5% is steady)`);
  return {
    id: 'pace-drift',
    kind: 'training',
    severity: dec !== null && dec > DECOUPLING_HIGH_PERCENT ? 'warning' : 'advice',
    priority: 50,
    reason: `In ${when} ${facts.join(', and ')}.`,
    metrics: { driftPercent: drift, driftSPerKm: f.driftSPerKm, decouplingPercent: dec },
    source: [SOURCES.general],
    messages: [
      [
        'Start the next run at an easier pace, one that feels almost too easy, and pick it up only once you are warm.',
        'Begin at a gentle, conversational effort and keep it even; a steady effort is easier to hold to the end.',
      ],
      [
        'The second half faded again. Start slower than feels natural and let the pace come to you later in the run.',
        'Pace still sagged late. Hold back early so the effort stays even from start to finish.',
      ],
      [
        'The late fade keeps showing. Run by feel or heart rate for a while and keep the easy runs at a conversational effort.',
        'Make the first half of the next run deliberately easier than the second, and keep easy days truly easy.',
      ],
    ],
    recovery: [],
  };
}
