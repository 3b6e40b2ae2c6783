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
import { painMonitor } from './rules/pain-monitor.ts';
import { painRedFlag } from './rules/pain-red-flag.ts';
import { painStop } from './rules/pain-stop.ts';
import { shoeMileage } from './rules/shoe-mileage.ts';
import { steady } from './rules/steady.ts';

export const LONG_RUN_DEFAULT_M = 15_000;

/**
 * Coaching after one run: applies every rule to the run's analysis, the load context, the pain
 * log and the shoe, then keeps the 1-3 most important cues with levels and wording chosen from
 * the cue history, plus the recovery work they call for. A red-flag pain entry withholds every
 * training cue. Pure: `now` is the only clock. Throws CoachError for an unreadable `now` or profile.
 */
export function coachRun(input: CoachInput): CoachAdvice {
  const { analysis: a, profile } = input;
  const nowMs = checkedNow(input.now, profile.thresholdSpm);
  const notes: string[] = [];
  const findings: Array<Finding | null> = [
    painRedFlag(input.pain, nowMs),
    painStop(input.pain, nowMs),
    painMonitor(input.pain, nowMs),
  ];
  if (a.isRun) {
    if (a.cadence.medianSpm === null) notes.push('This run has no cadence data, so cadence was not judged.');
    findings.push(
      cadenceLow({
        medianSpm: a.cadence.medianSpm,
        // The analysis measured its share against its own threshold; only quote it when that is the athlete's.
        shareBelowThreshold:
          a.cadence.thresholdSpm === profile.thresholdSpm ? a.cadence.shareBelowThreshold : null,
        thresholdSpm: profile.thresholdSpm,
        units: profile.units,
        scope: 'run',
      }),
      formDecay({
        detected: a.formDecay.detected,
        onsetPercent: toRunRecordAnalysis(a).decayOnsetPercent,
        onsetDistanceM: a.formDecay.onset?.distanceM ?? null,
        cadencePercent: a.formDecay.deltas.cadencePercent,
        stanceTimePercent: a.formDecay.deltas.stanceTimePercent,
        distanceM: a.summary.distanceM,
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
    const weeks = input.trends.weeks;
    findings.push(
      loadRamp(weeks[weeks.length - 1], weeks[weeks.length - 2]?.distanceM ?? null, profile.units),
    );
  }
  findings.push(shoeMileage(input.shoe, profile.units));
  return buildAdvice(
    findings,
    input.history.recentCues,
    nowMs,
    notes,
    a.isRun ? steady(checkedFigures(input)) : null,
  );
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
