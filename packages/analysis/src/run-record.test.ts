import { describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, type RunAnalysis } from './run-analysis.ts';
import { toRunRecordAnalysis } from './run-record.ts';

const analysis: RunAnalysis = {
  version: ANALYSIS_VERSION,
  isRun: true,
  summary: {
    distanceM: 10_000,
    movingTimeS: 3000,
    elapsedS: 3100,
    runningTimeS: 2950,
    walkTimeS: 50,
    paceSPerKm: 300,
    avgHeartRate: 150,
    maxHeartRate: 170,
    elevationGainM: 10,
    elevationLossM: 10,
  },
  cadence: {
    medianSpm: 164,
    meanSpm: 163,
    thresholdSpm: 170,
    shareBelowThreshold: 0.7,
    bands: null,
    stretchesBelow: [],
    speedSlopeSpmPerMps: null,
    coveredS: 2900,
  },
  paceDrift: {
    percent: 4,
    secondsPerKm: 12,
    firstHalfGasMps: 3.4,
    secondHalfGasMps: 3.26,
    warmupTrimS: 300,
    gradeAdjusted: true,
    gradeTrusted: true,
    variabilityPercent: 3,
    eligible: true,
    reason: null,
    rawPercent: 4.2,
  },
  decoupling: {
    percent: 6.5,
    rating: 'moderate',
    eligible: true,
    reason: null,
    firstHalfEf: 0.02,
    secondHalfEf: 0.019,
  },
  formDecay: {
    detected: true,
    onset: { elapsedS: 2480, distanceM: 7500 },
    deltas: {
      cadenceSpm: -6,
      cadencePercent: -3.6,
      stanceTimeMs: null,
      stanceTimePercent: null,
      verticalOscillationMm: null,
      verticalRatioPercent: null,
      stepLengthMm: null,
      stanceTimeBalancePercent: null,
    },
    reasons: ['cadence'],
    referenceWindow: null,
    lateWindow: null,
    channels: ['cadence'],
    comparable: true,
    finish: null,
    reason: null,
  },
};

describe('toRunRecordAnalysis', () => {
  it('keeps the trend figures and turns the onset into % of distance', () => {
    expect(toRunRecordAnalysis(analysis)).toEqual({
      cadenceMedianSpm: 164,
      cadenceCoveredS: 2900,
      cadenceThresholdSpm: 170,
      shareBelowThreshold: 0.7,
      formDecayDetected: true,
      decayOnsetPercent: 75,
      decouplingPercent: 6.5,
      paceDriftPercent: 4,
    });
  });

  it('falls back to elapsed time without an onset distance, and to null without decay', () => {
    const noDistance = {
      ...analysis,
      formDecay: { ...analysis.formDecay, onset: { elapsedS: 1550, distanceM: null } },
    };
    expect(toRunRecordAnalysis(noDistance).decayOnsetPercent).toBe(50);
    const none = { ...analysis, formDecay: { ...analysis.formDecay, detected: false, onset: null } };
    expect(toRunRecordAnalysis(none).decayOnsetPercent).toBeNull();
  });
});
