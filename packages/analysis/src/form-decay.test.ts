import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { rampChangePoint } from './change-point.ts';
import { ramp, seededRandom, testActivity } from './test-activity.ts';

describe('ramp change point', () => {
  it('finds a step and a ramp start', () => {
    const step = Array.from({ length: 100 }, (_, j) => (j < 60 ? 0 : 5));
    expect(rampChangePoint(step)?.start).toBe(60);
    const slope = Array.from({ length: 100 }, (_, j) => (j < 40 ? 1 : 1 + (j - 40) * 0.1));
    expect(rampChangePoint(slope)?.start).toBe(41);
  });
});

describe('form decay', () => {
  const noise = seededRandom(7);
  const jitter = (): number => (noise() - 0.5) * 4;

  it('finds a cadence drop with its onset, from cadence alone', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3000,
        channels: {
          speed: () => 3,
          altitude: () => 100,
          cadence: (t) => ramp(t, 2100, 120, 176, 164) + jitter(),
        },
      }),
    );
    expect(a.formDecay.detected).toBe(true);
    expect(a.formDecay.reasons).toEqual(['cadence']);
    expect(a.formDecay.channels).toEqual(['cadence']);
    expect(a.formDecay.deltas.cadenceSpm).toBeCloseTo(-12, 0);
    expect(Math.abs((a.formDecay.onset?.elapsedS ?? 0) - 2100)).toBeLessThan(60);
    expect(a.formDecay.onset?.distanceM).toBeCloseTo(3 * (a.formDecay.onset?.elapsedS ?? 0), -1);
  });

  it('finds a gradual decline of stance time', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3000,
        channels: {
          speed: () => 3,
          altitude: () => 100,
          cadence: () => 172 + jitter(),
          stanceTime: (t) => ramp(t, 1800, 1200, 240, 265) + jitter(),
        },
      }),
    );
    expect(a.formDecay.detected).toBe(true);
    expect(a.formDecay.reasons).toContain('stanceTime');
    expect(Math.abs((a.formDecay.onset?.elapsedS ?? 0) - 1800)).toBeLessThan(180);
  });

  it('flags two channels moving the wrong way beyond their noise', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3000,
        channels: {
          speed: () => 3,
          altitude: () => 100,
          cadence: (t) => ramp(t, 2000, 300, 172, 169) + (noise() - 0.5), // −1.7%: below the 3% rule
          verticalOscillation: (t) => ramp(t, 2000, 300, 80, 86) + (noise() - 0.5) * 2,
        },
      }),
    );
    expect(a.formDecay.detected).toBe(true);
    expect(a.formDecay.reasons.sort()).toEqual(['cadence', 'verticalOscillation']);
  });

  it('does not flag a steady run, nor a cadence drop that only follows slower running', () => {
    const steady = analyseRun(
      testActivity({
        durationS: 3000,
        channels: { speed: () => 3, altitude: () => 100, cadence: () => 172 + jitter() },
      }),
    );
    expect(steady.formDecay.detected).toBe(false);
    expect(steady.formDecay.onset).toBeNull();
    // Intervals of 2.6 m/s at 164 spm and 3.2 m/s at 176 spm; late in the run more of it is slow,
    // so the late median cadence falls, but at matched speed nothing changed.
    const speed = (t: number): number => (t % 300 < (t < 2000 ? 100 : 200) ? 2.6 : 3.2);
    const matched = analyseRun(
      testActivity({
        durationS: 3000,
        channels: { speed, altitude: () => 100, cadence: (t) => (speed(t) < 3 ? 164 : 176) + jitter() },
      }),
    );
    expect(matched.formDecay.speedMatched).toBe(true);
    expect(matched.formDecay.detected).toBe(false);
    // With matching impossible (negative tolerance) the windows are not comparable, and the late
    // drop that a slower finish brings is not called decay.
    const unmatched = analyseRun(
      testActivity({
        durationS: 3000,
        channels: { speed, altitude: () => 100, cadence: (t) => (speed(t) < 3 ? 164 : 176) },
      }),
      {
        speedMatchTolerance: -1,
      },
    );
    expect(unmatched.formDecay.speedMatched).toBe(false);
    expect(unmatched.formDecay.comparable).toBe(false);
    expect(unmatched.formDecay.detected).toBe(false);
    expect(unmatched.formDecay.finish).toBe('slower');
    expect(unmatched.formDecay.deltas.cadenceSpm ?? 0).toBeLessThan(-3);
  });

  it('needs enough running time', () => {
    const a = analyseRun(
      testActivity({
        durationS: 900,
        channels: { speed: () => 3, altitude: () => 100, cadence: (t) => ramp(t, 600, 60, 176, 150) },
      }),
    );
    expect(a.formDecay.detected).toBe(false);
    expect(a.formDecay.referenceWindow).toBeNull();
  });
});
