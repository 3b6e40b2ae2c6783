import {
  ANALYSIS_VERSION,
  type PainEntry,
  type RunAnalysis,
  type WeekTrend,
  type WeeklyTrends,
} from '@runcue/analysis';
import type { CoachInput } from '../src/coach-input.ts';

/** A clean 10 km run at 172 spm with nothing wrong, to be modified per test. */
export function analysisOf(
  overrides: {
    medianSpm?: number | null;
    shareBelow?: number | null;
    decay?: { onsetDistanceM: number; cadencePercent: number; stanceTimePercent?: number } | null;
    driftPercent?: number | null;
    decouplingPercent?: number | null;
    distanceM?: number;
    isRun?: boolean;
  } = {},
): RunAnalysis {
  const distanceM = overrides.distanceM ?? 10_000;
  const decay = overrides.decay ?? null;
  const decoupling = overrides.decouplingPercent ?? null;
  return {
    version: ANALYSIS_VERSION,
    isRun: overrides.isRun ?? true,
    summary: {
      distanceM,
      movingTimeS: 3000,
      elapsedS: 3050,
      runningTimeS: 2990,
      walkTimeS: 10,
      paceSPerKm: 300,
      avgHeartRate: 148,
      maxHeartRate: 168,
      elevationGainM: 20,
      elevationLossM: 20,
    },
    cadence: {
      medianSpm: overrides.medianSpm === undefined ? 172 : overrides.medianSpm,
      meanSpm: 171,
      thresholdSpm: 170,
      shareBelowThreshold: overrides.shareBelow === undefined ? 0.2 : overrides.shareBelow,
      bands: null,
      stretchesBelow: [],
      speedSlopeSpmPerMps: 4,
      coveredS: 2990,
    },
    paceDrift: {
      percent: overrides.driftPercent ?? 1,
      secondsPerKm:
        overrides.driftPercent === undefined || overrides.driftPercent === null
          ? 3
          : overrides.driftPercent * 3,
      firstHalfGasMps: 3.3,
      secondHalfGasMps: 3.27,
      warmupTrimS: 300,
      gradeAdjusted: true,
      gradeTrusted: true,
      variabilityPercent: 3,
      eligible: true,
      reason: null,
      rawPercent: 1.2,
    },
    decoupling: {
      percent: decoupling ?? 2,
      rating: decoupling === null ? 'good' : decoupling > 10 ? 'high' : decoupling >= 5 ? 'moderate' : 'good',
      eligible: true,
      reason: null,
      firstHalfEf: 0.022,
      secondHalfEf: 0.0215,
    },
    formDecay: {
      detected: decay !== null,
      onset: decay === null ? null : { elapsedS: 2200, distanceM: decay.onsetDistanceM },
      deltas: {
        cadenceSpm: decay === null ? -1 : -5,
        cadencePercent: decay === null ? -0.5 : decay.cadencePercent,
        stanceTimeMs: null,
        stanceTimePercent: decay?.stanceTimePercent ?? null,
        verticalOscillationMm: null,
        verticalRatioPercent: null,
        stepLengthMm: null,
        stanceTimeBalancePercent: null,
      },
      reasons: decay === null ? [] : ['cadence'],
      referenceWindow: null,
      lateWindow: null,
      channels: ['cadence'],
      comparable: true,
      finish: null,
      reason: null,
    },
  };
}

export function week(isoWeek: string, distanceM: number, extra: Partial<WeekTrend> = {}): WeekTrend {
  return {
    isoWeek,
    startDate: '2026-11-16',
    endDate: '2026-11-22',
    distanceM,
    movingTimeS: distanceM * 0.31,
    runningTimeS: distanceM * 0.3,
    runCount: 3,
    longRunM: distanceM / 2,
    longRunShare: 0.5,
    rampPercent: null,
    rampFlag: false,
    acuteChronicRatio: 1,
    acuteChronicFlag: false,
    cadenceMedianSpm: 172,
    shareBelowThreshold: 0.2,
    formDecayRuns: 0,
    decayOnsetMedianPercent: null,
    decouplingMedianPercent: 2,
    decouplingRuns: 1,
    paceDriftMedianPercent: 1,
    pain: { count: 0, maxScore: null, meanScore: null, redFlagCount: 0 },
    shoes: [],
    ...extra,
  };
}

export function trendsOf(weeks: WeekTrend[]): WeeklyTrends {
  return {
    timeZone: 'Europe/Berlin',
    thresholdSpm: 170,
    rampFlagPercent: 10,
    acuteChronicFlagRatio: 1.3,
    weeks,
    skipped: [],
  };
}

export function painAt(
  at: string,
  score: number,
  flags: PainEntry['flags'] = [],
  where: PainEntry['where'] = 'lower-back',
): PainEntry {
  return { at, score, where, flags, activityId: null, note: null };
}

export const NOW = '2026-11-20T18:00:00Z';

export function inputOf(overrides: Partial<CoachInput> = {}): CoachInput {
  return {
    analysis: analysisOf(),
    trends: null,
    pain: [],
    profile: { thresholdSpm: 170, units: 'km' },
    shoe: null,
    history: { recentCues: [] },
    now: NOW,
    ...overrides,
  };
}
