import { describe, expect, it } from 'vitest';
import {
  ALREADY_STEPS_SPM,
  isStrideCadenceSport,
  positiveMedian,
  strideToStepFactor,
} from './running-cadence.ts';

describe('strideToStepFactor', () => {
  it('doubles per-leg running cadence', () => expect(strideToStepFactor([80, 84, 86, 0, 0, 88])).toBe(2));
  it('does not double values already in steps/min', () =>
    expect(strideToStepFactor([168, 172, 176, 0])).toBe(1));
  it('ignores stops (zeros) when judging', () =>
    expect(strideToStepFactor([0, 0, 0, 0, 0, 170, 172])).toBe(1));
  it('doubles when there is nothing to judge by', () => expect(strideToStepFactor([0, NaN])).toBe(2));
  it('a few glitches (under a tenth of the values) do not flip it', () =>
    expect(strideToStepFactor([...Array<number>(95).fill(86), 140, 150, 200, 220, 250])).toBe(2));
  it('a run/walk session in steps/min is told by its running, however much it walked (regression: 224 spm walking)', () => {
    const runWalk = [...Array<number>(60).fill(112), ...Array<number>(40).fill(170)];
    expect(strideToStepFactor(runWalk)).toBe(1);
    expect(strideToStepFactor(runWalk.map((v) => v / 2))).toBe(2);
  });
  it('has its threshold exactly at the boundary', () => {
    expect(strideToStepFactor([ALREADY_STEPS_SPM])).toBe(2);
    expect(strideToStepFactor([ALREADY_STEPS_SPM + 1])).toBe(1);
  });
});

describe('helpers', () => {
  it('treats running, walking and hiking as per-leg sports', () => {
    expect(isStrideCadenceSport('running')).toBe(true);
    expect(isStrideCadenceSport('cycling')).toBe(false);
    expect(isStrideCadenceSport(null)).toBe(false);
  });
  it('computes the median of positive values', () => {
    expect(positiveMedian([3, 1, 2, 0])).toBe(2);
    expect(positiveMedian([4, 1, 2, 3])).toBe(2.5);
    expect(positiveMedian([])).toBeNull();
  });
});
