import type { AltitudeQuality } from './altitude-quality.ts';
import type { AnalysisOptions } from './analysis-options.ts';
import type { PaceDrift } from './run-analysis.ts';
import type { RunningSamples } from './running-samples.ts';
import { runHalves, warmupTrimS } from './running-windows.ts';
import type { Steadiness } from './steadiness.ts';
import { weightedMean } from './weighted-stats.ts';

function slowdown(
  first: number | null,
  second: number | null,
): { percent: number | null; secondsPerKm: number | null } {
  if (first === null || second === null || first <= 0 || second <= 0)
    return { percent: null, secondsPerKm: null };
  return { percent: ((first - second) / first) * 100, secondsPerKm: 1000 / second - 1000 / first };
}

/** What the run's data supports before halves are compared: steady effort and trustworthy grade. */
export interface RunConditions {
  readonly steadiness: Steadiness;
  readonly altitude: AltitudeQuality;
}

/** Why grade-adjusted and raw drift cannot both be right, or null when they agree well enough. */
export function driftDisagreement(
  gasPercent: number | null,
  rawPercent: number | null,
  options: AnalysisOptions,
): string | null {
  if (gasPercent === null || rawPercent === null) return null;
  const m = options.driftDisagreementPoints;
  const opposite = (gasPercent > m && rawPercent < -m) || (gasPercent < -m && rawPercent > m);
  if (!opposite) return null;
  const word = (p: number): string => (p > 0 ? 'slower' : 'faster');
  return `Grade adjustment turns a second half that was ${Math.abs(rawPercent).toFixed(1)}% ${word(rawPercent)} on the watch into one ${Math.abs(gasPercent).toFixed(1)}% ${word(gasPercent)}, so the answer depends on the hills more than on the runner.`;
}

/**
 * Pace drift: time-weighted grade-adjusted speed in the second half of running time against the
 * first half, after the warm-up trim, as % slowdown and s/km (positive = slower). Also reports
 * the same comparison on raw speed, so a reader can see what the grade adjustment removed.
 * Eligible (and `percent` given) only for a run that is long enough, steady (see `steadiness`),
 * with altitude good enough for grade (or run on the flat), and whose grade-adjusted and raw drift
 * do not point in opposite directions by a wide margin; otherwise `reason` says why.
 */
export function paceDrift(
  rs: RunningSamples,
  conditions: RunConditions,
  options: AnalysisOptions,
): PaceDrift {
  const base = {
    warmupTrimS: warmupTrimS(rs.runningTimeS, options),
    gradeAdjusted: conditions.altitude.trusted && !conditions.altitude.flat && rs.gradeAdjusted,
    gradeTrusted: conditions.altitude.trusted,
    variabilityPercent: conditions.steadiness.variabilityPercent,
  };
  if (rs.runningTimeS < options.minDriftRunningS) {
    return {
      ...base,
      percent: null,
      secondsPerKm: null,
      firstHalfGasMps: null,
      secondHalfGasMps: null,
      rawPercent: null,
      eligible: false,
      reason: `Only ${Math.round(rs.runningTimeS / 60)} min of running; pace drift needs at least ${Math.round(options.minDriftRunningS / 60)} min.`,
    };
  }
  const { trimS, first, second } = runHalves(rs, options);
  const gas1 = weightedMean(rs.gasMps, rs.weightS, first);
  const gas2 = weightedMean(rs.gasMps, rs.weightS, second);
  const raw = slowdown(
    weightedMean(rs.speedMps, rs.weightS, first),
    weightedMean(rs.speedMps, rs.weightS, second),
  );
  const drift = slowdown(gas1, gas2);
  const reason =
    (drift.percent === null ? 'The file has no speed or distance in one half of the run.' : null) ??
    conditions.steadiness.reason ??
    conditions.altitude.reason ??
    (base.gradeAdjusted ? driftDisagreement(drift.percent, raw.percent, options) : null);
  return {
    ...base,
    warmupTrimS: trimS,
    ...(reason === null ? drift : { percent: null, secondsPerKm: null }),
    firstHalfGasMps: gas1,
    secondHalfGasMps: gas2,
    rawPercent: raw.percent,
    eligible: reason === null,
    reason,
  };
}
