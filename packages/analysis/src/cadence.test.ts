import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { testActivity } from './test-activity.ts';

describe('cadence analysis', () => {
  it('weights samples by time, so smart recording gives the same median as 1-s recording', () => {
    // 10 min at 160 then 20 min at 176: the time-weighted median is 176 whatever the sampling.
    const cadence = (t: number): number => (t < 600 ? 160 : 176);
    const oneS = analyseRun(testActivity({ durationS: 1800, channels: { speed: () => 3, cadence } }));
    // Dense samples in the first part, sparse (7 s) in the second: a per-record median would say 160.
    const smart = analyseRun(
      testActivity({
        durationS: 1800,
        stepS: (t) => (t < 600 ? 1 : 7),
        channels: { speed: () => 3, cadence },
      }),
    );
    expect(oneS.cadence.medianSpm).toBe(176);
    expect(smart.cadence.medianSpm).toBe(176);
    expect(smart.cadence.shareBelowThreshold).toBeCloseTo(1 / 3, 2);
  });

  it('puts time in the right bands', () => {
    const a = analyseRun(
      testActivity({
        durationS: 1200,
        channels: { speed: () => 3, cadence: (t) => 150 + Math.floor(t / 300) * 10 + 1 },
      }),
    );
    const bands = a.cadence.bands;
    expect(bands?.below160).toBeCloseTo(0.25, 2);
    expect(bands?.from160to170).toBeCloseTo(0.25, 2);
    expect(bands?.from170to180).toBeCloseTo(0.25, 2);
    expect(bands?.above180).toBeCloseTo(0.25, 2);
  });

  it('finds a low stretch longer than 60 s with its start and distance, ignoring one-sample flicker', () => {
    const cadence = (t: number): number => {
      if (t >= 900 && t < 1020) return t % 20 === 0 ? 175 : 162; // 2 min low with flicker back up
      return t % 37 === 0 ? 150 : 176; // high with single low dips
    };
    const a = analyseRun(testActivity({ durationS: 1800, channels: { speed: () => 3, cadence } }));
    expect(a.cadence.stretchesBelow).toHaveLength(1);
    const s = a.cadence.stretchesBelow[0];
    expect(s?.startElapsedS).toBeGreaterThan(880);
    expect(s?.startElapsedS).toBeLessThan(920);
    expect(s?.durationS).toBeGreaterThan(100);
    expect(s?.durationS).toBeLessThan(140);
    expect(s?.startDistanceM).toBeCloseTo(3 * (s?.startElapsedS ?? 0), -1);
    expect(s?.medianSpm).toBe(162);
  });

  it('measures the cadence–speed slope', () => {
    const speed = (t: number): number => 2.5 + (t % 600) / 600;
    const a = analyseRun(
      testActivity({ durationS: 1800, channels: { speed, cadence: (t) => 150 + 10 * speed(t) } }),
    );
    expect(a.cadence.speedSlopeSpmPerMps).toBeCloseTo(10, 1);
  });

  it('excludes walk breaks from cadence and counts them as walking', () => {
    const walking = (t: number): boolean => t % 600 >= 540; // 1 min walk every 10 min
    const a = analyseRun(
      testActivity({
        durationS: 3000,
        channels: { speed: (t) => (walking(t) ? 1.5 : 3.2), cadence: (t) => (walking(t) ? 110 : 168) },
      }),
    );
    expect(a.cadence.medianSpm).toBe(168);
    expect(a.cadence.bands?.below160).toBe(0);
    expect(a.summary.walkTimeS).toBeGreaterThan(290);
    expect(a.summary.walkTimeS).toBeLessThan(310);
    expect(a.summary.walkBreakCount).toBe(5);
  });

  it('reports null cadence for a file without cadence', () => {
    const a = analyseRun(testActivity({ durationS: 1200, channels: { speed: () => 3 } }));
    expect(a.cadence.medianSpm).toBeNull();
    expect(a.cadence.bands).toBeNull();
    expect(a.cadence.coveredS).toBe(0);
  });
});
