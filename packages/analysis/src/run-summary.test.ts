import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { testActivity } from './test-activity.ts';

describe('run summary', () => {
  it('leaves a timer pause out of moving time', () => {
    const a = analyseRun(
      testActivity({
        durationS: 2400,
        channels: { speed: (t) => (t > 1200 && t < 1500 ? 0 : 3), cadence: () => 170, heartRate: () => 150 },
        timerEvents: [
          { elapsedS: 0, kind: 'start' },
          { elapsedS: 1200, kind: 'stop' },
          { elapsedS: 1500, kind: 'start' },
          { elapsedS: 2400, kind: 'stop' },
        ],
      }),
    );
    expect(a.summary.elapsedS).toBe(2400);
    expect(a.summary.movingTimeS).toBe(2100);
    expect(a.summary.runningTimeS).toBe(2100);
    expect(a.summary.distanceM).toBeCloseTo(6300, -1);
    expect(a.summary.paceSPerKm).toBeCloseTo(1000 / 3, 0);
  });

  it('counts position-only records between full ones as moving (regression: Suunto Ambit 3 moving time halved)', () => {
    // Every other record carries no speed, cadence or distance, as in Suunto and phone-app files.
    const gappy = testActivity({
      durationS: 1200,
      channels: { speed: (t) => (t % 2 === 1 ? NaN : 3), cadence: (t) => (t % 2 === 1 ? NaN : 172) },
      distance: (t) => (t % 2 === 1 ? NaN : 3 * t),
    });
    const a = analyseRun(gappy);
    expect(a.summary.movingTimeS).toBe(1200);
    expect(a.summary.runningTimeS).toBe(1200);
    expect(a.cadence.medianSpm).toBe(172);
  });

  it('still counts a long run of empty records as stopped', () => {
    const a = analyseRun(
      testActivity({
        durationS: 1200,
        channels: {
          speed: (t) => (t > 600 && t < 900 ? NaN : 3),
          cadence: (t) => (t > 600 && t < 900 ? NaN : 172),
        },
      }),
    );
    expect(a.summary.movingTimeS).toBeLessThan(1200 - 280);
  });

  it('does not count a recording gap beyond the cap', () => {
    const a = analyseRun(
      testActivity({ durationS: 1200, stepS: (t) => (t === 600 ? 300 : 1), channels: { speed: () => 3 } }),
    );
    expect(a.summary.movingTimeS).toBe(1200 - 300 + 12);
  });

  it('counts climbs once, above the hysteresis', () => {
    // 3 hills of 20 m, with ±1 m jitter that must add nothing.
    const altitude = (t: number): number =>
      100 + 20 * Math.max(0, Math.sin((t / 1800) * 3 * 2 * Math.PI)) + (t % 2 ? 1 : -1);
    const a = analyseRun(testActivity({ durationS: 1800, channels: { speed: () => 3, altitude } }));
    expect(a.summary.elevationGainM).toBeGreaterThan(55);
    expect(a.summary.elevationGainM).toBeLessThan(61);
    expect(a.summary.elevationLossM).toBeCloseTo(a.summary.elevationGainM ?? 0, -1);
  });

  it('analyses only the running session of a multisport file', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3600,
        sport: 'running',
        channels: { speed: (t) => (t < 1800 ? 9 : 3), cadence: (t) => (t < 1800 ? 85 : 172) },
        sessions: [
          {
            sport: 'cycling',
            subSport: null,
            startElapsedS: 0,
            endElapsedS: 1800,
            totalTimerS: 1800,
            distanceM: null,
            avgCadenceSpm: null,
            avgHeartRate: null,
          },
          {
            sport: 'running',
            subSport: null,
            startElapsedS: 1800,
            endElapsedS: 3600,
            totalTimerS: 1800,
            distanceM: null,
            avgCadenceSpm: null,
            avgHeartRate: null,
          },
        ],
      }),
    );
    expect(a.isRun).toBe(true);
    expect(a.summary.distanceM).toBeCloseTo(5400, -1);
    expect(a.cadence.medianSpm).toBe(172);
  });

  it('gives the summary but no run metrics for a ride', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3600,
        sport: 'cycling',
        channels: { speed: () => 8, cadence: () => 90, heartRate: () => 130 },
      }),
    );
    expect(a.isRun).toBe(false);
    expect(a.summary.distanceM).toBeCloseTo(28800, -1);
    expect(a.summary.avgHeartRate).toBe(130);
    expect(a.cadence.medianSpm).toBeNull();
    expect(a.decoupling.reason).toMatch(/cycling/);
  });
});
