import type { PainEntry, WeekTrend, WeeklyTrends } from '@runcue/analysis';
import { runAnalysis } from '@runcue/analysis/testing';
import type { CoachInput } from '../src/coach-input.ts';

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
    analysis: runAnalysis(),
    trends: null,
    pain: [],
    profile: { thresholdSpm: 170, units: 'km' },
    shoe: null,
    history: { recentCues: [] },
    now: NOW,
    ...overrides,
  };
}
