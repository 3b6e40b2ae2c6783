import { toRunRecordAnalysis } from '@runcue/analysis';
import type { CoachAdvice, CoachInput } from './coach-input.ts';
import { checkedNow } from './coach-error.ts';
import { buildAdvice } from './build-advice.ts';
import type { Finding } from './finding.ts';
import { formatNumber } from './format-units.ts';
import { cadenceLow } from './rules/cadence-low.ts';
import { formDecay } from './rules/form-decay.ts';
import { loadRamp } from './rules/load-ramp.ts';
import { DECOUPLING_FLAG_PERCENT, PACE_DRIFT_FLAG_PERCENT, paceDrift } from './rules/pace-drift.ts';
import { cadenceBaseline } from './cadence-baseline.ts';
import { painFindings } from './pain-findings.ts';
import { shoeMileage } from './rules/shoe-mileage.ts';
import { steady } from './rules/steady.ts';

export const LONG_RUN_DEFAULT_M = 15_000;
/** Climb per km from which a run counts as steep (trail, mountain): no metronome cadence drills. */
export const STEEP_CLIMB_M_PER_KM = 30;
/** Share of moving time walking from which a run counts as hike-heavy: no cadence drills either. */
export const HIKE_HEAVY_WALK_SHARE = 0.25;

/**
 * Coaching after one run: applies every rule to the run's analysis, the load context, the pain
 * log and the shoe, then keeps the 1-3 most important cues with levels and wording chosen from
 * the cue history, plus the recovery work they call for. The safety rules come first: a red flag,
 * pain at 3/10 or more, or pain that needs a professional withholds every training cue. Advice
 * fits the run: no cadence drills on a steep or hike-heavy run, no fuelling on a short one, one
 * cadence target a week. Pure: `now` is the only clock. Throws CoachError for an unreadable `now`
 * or profile.
 */
export function coachRun(input: CoachInput): CoachAdvice {
  const { analysis: a, profile } = input;
  const nowMs = checkedNow(input.now, profile.thresholdSpm);
  const notes: string[] = [];
  const pain = painFindings(input, nowMs);
  const findings: Array<Finding | null> = [...pain.findings];
  if (a.isRun) {
    const steep = steepOrHikeHeavy(input);
    if (a.cadence.medianSpm === null) notes.push('This run has no cadence data, so cadence was not judged.');
    else if (steep !== null)
      notes.push(`Cadence was not coached: ${steep}, where a lower step rate is normal.`);
    findings.push(
      steep !== null
        ? null
        : cadenceLow({
            medianSpm: a.cadence.medianSpm,
            // The analysis measured its share against its own threshold; only quote it when that is the athlete's.
            shareBelowThreshold:
              a.cadence.thresholdSpm === profile.thresholdSpm ? a.cadence.shareBelowThreshold : null,
            thresholdSpm: profile.thresholdSpm,
            units: profile.units,
            scope: 'run',
            baselineSpm: input.trends === null ? null : cadenceBaseline(input.trends.weeks),
          }),
      formDecay({
        detected: a.formDecay.detected,
        onsetPercent: toRunRecordAnalysis(a).decayOnsetPercent,
        onsetDistanceM: a.formDecay.onset?.distanceM ?? null,
        cadencePercent: a.formDecay.deltas.cadencePercent,
        stanceTimePercent: a.formDecay.deltas.stanceTimePercent,
        distanceM: a.summary.distanceM,
        movingTimeS: a.summary.movingTimeS,
        longRunM: profile.longRunM ?? LONG_RUN_DEFAULT_M,
        units: profile.units,
        scope: 'run',
      }),
      paceDrift({
        driftPercent: a.paceDrift.percent,
        driftSPerKm: a.paceDrift.secondsPerKm,
        decouplingPercent: a.decoupling.percent,
        driftFlagPercent: profile.paceDriftPercent ?? PACE_DRIFT_FLAG_PERCENT,
        decouplingFlagPercent: profile.decouplingPercent ?? DECOUPLING_FLAG_PERCENT,
        scope: 'run',
        units: profile.units,
      }),
    );
    if (!a.decoupling.eligible && a.decoupling.reason !== null)
      notes.push(`Heart-rate decoupling not judged: ${a.decoupling.reason}`);
  } else {
    notes.push('This activity was not recognised as a run, so there are no form cues for it.');
  }
  if (input.trends === null) {
    notes.push('No training history yet, so weekly load was not judged.');
  } else {
    findings.push(loadRamp(input.trends.weeks, profile.units, input.trends.acuteChronicFlagRatio));
  }
  findings.push(shoeMileage(input.shoe, profile.units));
  return buildAdvice(findings, input.history.recentCues, nowMs, notes, {
    flareUp: pain.flareUp,
    fallback: a.isRun ? steady(checkedFigures(input)) : null,
  });
}

/** Why the run is too steep or hike-heavy for cadence drills, or null when it is not. */
function steepOrHikeHeavy({ analysis: a }: CoachInput): string | null {
  const km = a.summary.distanceM / 1000;
  const climb = a.summary.elevationGainM;
  if (km > 0 && climb !== null && climb / km >= STEEP_CLIMB_M_PER_KM)
    return `a steep run (${Math.round(climb / km)} m of climb per km)`;
  if (a.summary.movingTimeS > 0 && a.summary.walkTimeS / a.summary.movingTimeS >= HIKE_HEAVY_WALK_SHARE)
    return `a hike-heavy run (${Math.round((a.summary.walkTimeS / a.summary.movingTimeS) * 100)}% of moving time walking)`;
  return null;
}

function checkedFigures({ analysis: a, profile }: CoachInput): string {
  const parts: string[] = [];
  if (a.cadence.medianSpm !== null)
    parts.push(`cadence ${Math.round(a.cadence.medianSpm)} steps/min (threshold ${profile.thresholdSpm})`);
  parts.push(a.formDecay.detected ? 'form changed late' : 'form held to the end');
  if (a.paceDrift.percent !== null) parts.push(`pace drift ${formatNumber(a.paceDrift.percent)}%`);
  if (a.decoupling.percent !== null) parts.push(`decoupling ${formatNumber(a.decoupling.percent)}%`);
  return parts.join(', ');
}
