import { describe, expect, it } from 'vitest';
import { cadenceLow } from './cadence-low.ts';

describe('cadenceLow', () => {
  it('fires below the threshold with a +5% target, a metronome and the numbers', () => {
    const f = cadenceLow({
      medianSpm: 156.4,
      shareBelowThreshold: 0.83,
      thresholdSpm: 170,
      units: 'km',
      scope: 'run',
    });
    expect(f?.id).toBe('cadence-low');
    expect(f?.metrics).toMatchObject({ medianSpm: 156, targetSpm: 164, shareBelowPercent: 83 });
    expect(f?.reason).toContain('156 steps/min');
    expect(f?.reason).toContain('83%');
    expect(f?.messages[0][0]).toContain('164');
    expect(f?.messages[0][0]).toMatch(/metronome/);
    expect(f?.messages[1].join(' ')).toMatch(/under your hips|beneath you/);
    expect(f?.messages.flat().join(' ')).not.toContain('180');
    expect(f?.source).toContain('003_ee1f8b417e742fc5.txt');
  });

  it('stays quiet at or above the threshold and without cadence', () => {
    expect(
      cadenceLow({
        medianSpm: 170,
        shareBelowThreshold: 0.4,
        thresholdSpm: 170,
        units: 'km',
        scope: 'run',
      }),
    ).toBeNull();
    expect(
      cadenceLow({
        medianSpm: null,
        shareBelowThreshold: null,
        thresholdSpm: 170,
        units: 'km',
        scope: 'run',
      }),
    ).toBeNull();
  });
});
