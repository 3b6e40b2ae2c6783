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
 * first. Advice: start slower, fuel and drink on longer runs, and ease off in heat, since tired
 * legs let form go and the back pays for it (004 fuelling and fatigue; 000 hydration and easing
 * the pace when the back complains).
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
    severity: dec !== null && dec > DECOUPLING_HIGH_PERCENT ? 'warning' : 'advice',
    priority: 50,
    training: true,
    reason: `In ${when} ${facts.join(', and ')}.`,
    metrics: { driftPercent: drift, driftSPerKm: f.driftSPerKm, decouplingPercent: dec },
    source: [SOURCES.causes, SOURCES.posture],
    messages: [
      [
        'Start the next run noticeably easier: hold back for the first 10 minutes so the second half is not a struggle.',
        'Begin at a pace that feels almost too easy and only pick it up once you are warm; an even effort protects your form.',
      ],
      [
        'The second half keeps fading. Start slower, and on runs over an hour take fuel and water from early on, not once you feel empty.',
        'Pace still sags late. Eat something easy to digest before longer runs, fuel along the way, and drink, especially when it is warm.',
      ],
      [
        'This fade is now a pattern. Run by heart rate or feel for a while, cap the easy runs at a conversational effort, and in heat slow down on purpose.',
        'Plan the next long run with a set fuelling schedule (every 30-40 minutes) and a first half run deliberately slower than the second.',
      ],
    ],
    recovery: [],
  };
}
