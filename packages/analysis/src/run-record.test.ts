import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../test/testing.ts';
import { toRunRecordAnalysis } from './run-record.ts';

const analysis = runAnalysis({
  medianSpm: 164,
  shareBelow: 0.7,
  driftPercent: 4,
  decouplingPercent: 6.5,
  decay: { onsetDistanceM: 7500, cadencePercent: -3.6 },
  summary: { elapsedS: 3100 },
  cadence: { coveredS: 2900 },
  formDecay: { onset: { elapsedS: 2480, distanceM: 7500 } },
});

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
