import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cadenceTarget } from './cadence-target.ts';

describe('cadenceTarget', () => {
  it('asks for about 5% more, not 180', () => {
    expect(cadenceTarget(150, 170)).toBe(158); // 157.5 rounds to 158
    expect(cadenceTarget(160, 170)).toBe(168);
    expect(cadenceTarget(140, 180)).toBe(147);
  });

  it('stops at the threshold when that is already a big enough step', () => {
    expect(cadenceTarget(165, 170)).toBe(170); // +5% would be 173
  });

  it('stays within 3-7% of any median from 140 to 174.7 and never above 180', () => {
    // Above 174.76 spm even a 3% step passes 180, so the ceiling wins there (checked below).
    fc.assert(
      fc.property(
        fc.double({ min: 140, max: 174.7, noNaN: true }),
        fc.integer({ min: 150, max: 185 }),
        (median, threshold) => {
          const target = cadenceTarget(median, threshold) ?? 0;
          expect(target).toBeGreaterThanOrEqual(median * 1.03);
          expect(target).toBeLessThanOrEqual(median * 1.07);
          expect(target).toBeLessThanOrEqual(180);
        },
      ),
    );
  });

  it('never exceeds 180 even for a median of 175', () => {
    expect(cadenceTarget(175, 185)).toBe(180);
  });
});
