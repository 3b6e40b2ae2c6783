import type { Units } from '@runcue/analysis';
import type { Finding } from '../finding.ts';
import { formatDistance, formatNumber, lapUnit } from '../format-units.ts';
import { SOURCES } from '../sources.ts';

export interface FormDecayFigures {
  detected: boolean;
  /** Where decay began, % of the run (or the week's median onset). */
  onsetPercent: number | null;
  onsetDistanceM: number | null;
  /** Late minus reference window; negative = cadence fell. */
  cadencePercent: number | null;
  stanceTimePercent: number | null;
  /** Total distance of the run (or the week's long run), for the fuelling advice. */
  distanceM: number;
  longRunM: number;
  /** Moving time of the run (or the week's long run), s; null when unknown. */
  movingTimeS?: number | null;
  units: Units;
  scope: 'run' | 'week';
  /** Weekly review only: how many runs of the week decayed. */
  runsWithDecay?: number;
}

function describeChange(f: FormDecayFigures): string {
  const parts: string[] = [];
  if (f.cadencePercent !== null && f.cadencePercent < 0)
    parts.push(`cadence fell ${formatNumber(-f.cadencePercent)}%`);
  if (f.stanceTimePercent !== null && f.stanceTimePercent > 0)
    parts.push(`ground contact grew ${formatNumber(f.stanceTimePercent)}% longer`);
  return parts.length > 0 ? parts.join(' and ') : 'your stride changed';
}

/** A run shorter than this (moving time) gets no fuelling advice, whatever its distance. */
export const FUEL_MIN_MOVING_S = 75 * 60;

/**
 * Late-run form decay: core and glute endurance work, a "run tall" check of 20 s every km or mile,
 * and on long runs fuel early so tired legs do not hand the work to the back (003 core collapse
 * and the tall drill; 004 fuelling; 000 hips level when tired).
 */
export function formDecay(f: FormDecayFigures): Finding | null {
  if (!f.detected) return null;
  const lap = lapUnit(f.units);
  // Fuelling is for long runs only (004), never for a 30-45 minute one: distance and time both count.
  const long =
    f.distanceM >= f.longRunM &&
    (f.movingTimeS === undefined || f.movingTimeS === null || f.movingTimeS >= FUEL_MIN_MOVING_S);
  const onset =
    f.onsetPercent === null
      ? ''
      : `, starting ${f.scope === 'week' ? 'at a median of about' : 'about'} ${Math.round(f.onsetPercent)}% of the way in${f.onsetDistanceM === null ? '' : ` (${formatDistance(f.onsetDistanceM, f.units)})`}`;
  const subject =
    f.scope === 'run'
      ? `In the last part of this run, ${describeChange(f)}`
      : `${f.runsWithDecay ?? 1} run(s) this week lost form late`;
  const fuel = long ? ` On runs this long, take fuel early and regularly, from the first half hour.` : '';
  return {
    id: 'form-decay',
    kind: 'training',
    severity: 'advice',
    priority: 60,
    reason: `${subject}${onset}.`,
    metrics: {
      onsetPercent: f.onsetPercent === null ? null : Math.round(f.onsetPercent),
      onsetDistanceM: f.onsetDistanceM,
      cadenceChangePercent: f.cadencePercent === null ? null : Number(f.cadencePercent.toFixed(1)),
      stanceTimeChangePercent: f.stanceTimePercent === null ? null : Number(f.stanceTimePercent.toFixed(1)),
      runsWithDecay: f.runsWithDecay ?? null,
      longRun: long ? 'yes' : 'no',
    },
    source: [SOURCES.rehab, SOURCES.causes, SOURCES.posture],
    // 003: 20 s of tall running every mile; 000: hips level when tired; 004: core, glutes, fuel on long runs.
    messages: [
      [
        `Every ${lap}, spend 20 seconds running tall, as if lifted by the crown of your head.${fuel}`,
        `When you start to tire, check in each ${lap}: hips level, ribs relaxed, 20 seconds of tall running.${fuel}`,
      ],
      [
        `Your form keeps fading late. Add the core and glute sessions below twice a week, and keep the 20-second tall check every ${lap}.${fuel}`,
        `Set a lap alert every ${lap} and use it for 20 seconds of tall, quick running; twice-weekly core and glute work will make it last longer.${fuel}`,
      ],
      [
        `Late-run form dropped again. For now, end runs around the point where it starts to fade and build the core and glute endurance first.${fuel}`,
        `Form faded late once more: make the core and glute work non-negotiable twice a week, and end runs a little before the point where your stride usually goes.${fuel}`,
      ],
    ],
    recovery: ['core-endurance', 'glute-strength'],
  };
}
