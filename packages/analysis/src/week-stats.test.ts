import { describe, expect, it } from 'vitest';
import { median, weightedMean, weightedMedian } from './week-stats.ts';

describe('week stats', () => {
  it('takes plain medians of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('weights the median by time and matches the plain median for equal weights', () => {
    expect(
      weightedMedian([
        { value: 160, weight: 10 },
        { value: 170, weight: 1 },
        { value: 180, weight: 1 },
      ]),
    ).toBe(160);
    expect(
      weightedMedian([
        { value: 160, weight: 1 },
        { value: 170, weight: 1 },
      ]),
    ).toBe(165);
    expect(weightedMedian([{ value: 160, weight: 0 }])).toBeNull();
  });

  it('ignores zero weights in the mean', () => {
    expect(
      weightedMean([
        { value: 1, weight: 1 },
        { value: 0, weight: 3 },
        { value: 100, weight: 0 },
      ]),
    ).toBe(0.25);
    expect(weightedMean([])).toBeNull();
  });
});
