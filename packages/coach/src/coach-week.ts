import type { CoachAdvice, CoachWeekInput } from './coach-input.ts';
import { checkedNow } from './coach-error.ts';
import { buildAdvice } from './build-advice.ts';
import type { Finding } from './finding.ts';
import { formatDistance } from './format-units.ts';
import { LONG_RUN_DEFAULT_M } from './coach-run.ts';
import { cadenceLow } from './rules/cadence-low.ts';
import { formDecay } from './rules/form-decay.ts';
import { loadRamp } from './rules/load-ramp.ts';
import { DECOUPLING_FLAG_PERCENT, PACE_DRIFT_FLAG_PERCENT, paceDrift } from './rules/pace-drift.ts';
import { cadenceBaseline } from './cadence-baseline.ts';
import { painFindings } from './pain-findings.ts';
import { shoeMileage } from './rules/shoe-mileage.ts';
import { steady } from './rules/steady.ts';

/**
 * The weekly review's top cues: the same rules applied to the last week of `trends` (weekly
 * cadence median, runs with late form decay, median drift and decoupling, load flags) plus the
 * pain log and the shoe. Form decay counts as a finding when it showed in two runs or in at least
 * half of the week's runs.
 */
export function coachWeek(input: CoachWeekInput): CoachAdvice {
  const { profile, trends } = input;
  const nowMs = checkedNow(input.now, profile.thresholdSpm);
  const notes: string[] = [];
  const weeks = trends.weeks;
  const week = weeks[weeks.length - 1];
  const pain = painFindings(input, nowMs);
  const findings: Array<Finding | null> = [...pain.findings];
  if (week === undefined || week.runCount === 0) {
    notes.push('No runs this week, so there is nothing to say about form.');
  } else {
    const decayCounts = week.formDecayRuns >= 2 || week.formDecayRuns / week.runCount >= 0.5;
    findings.push(
      cadenceLow({
        medianSpm: week.cadenceMedianSpm,
        shareBelowThreshold: trends.thresholdSpm === profile.thresholdSpm ? week.shareBelowThreshold : null,
        thresholdSpm: profile.thresholdSpm,
        units: profile.units,
        scope: 'week',
        baselineSpm: cadenceBaseline(weeks),
      }),
      formDecay({
        detected: week.formDecayRuns > 0 && decayCounts,
        onsetPercent: week.decayOnsetMedianPercent,
        onsetDistanceM: null,
        cadencePercent: null,
        stanceTimePercent: null,
        distanceM: week.longRunM,
        longRunM: profile.longRunM ?? LONG_RUN_DEFAULT_M,
        units: profile.units,
        scope: 'week',
        runsWithDecay: week.formDecayRuns,
      }),
      paceDrift({
        driftPercent: week.paceDriftMedianPercent,
        driftSPerKm: null,
        decouplingPercent: week.decouplingMedianPercent,
        driftFlagPercent: profile.paceDriftPercent ?? PACE_DRIFT_FLAG_PERCENT,
        decouplingFlagPercent: profile.decouplingPercent ?? DECOUPLING_FLAG_PERCENT,
        scope: 'week',
        units: profile.units,
      }),
    );
  }
  findings.push(
    loadRamp(weeks, profile.units, trends.acuteChronicFlagRatio),
    shoeMileage(input.shoe, profile.units),
  );
  const summary =
    week === undefined
      ? 'no runs'
      : `${week.runCount} runs, ${formatDistance(week.distanceM, profile.units)}`;
  return buildAdvice(findings, input.history.recentCues, nowMs, notes, {
    flareUp: pain.flareUp,
    fallback: week !== undefined && week.runCount > 0 ? steady(summary) : null,
  });
}
