import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { testActivity } from './test-activity.ts';

describe('decoupling', () => {
  it('is high when heart rate climbs at constant pace', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3600,
        channels: { speed: () => 3, altitude: () => 100, heartRate: (t) => 130 + (t / 3600) * 50 },
      }),
    );
    expect(a.decoupling.eligible).toBe(true);
    expect(a.decoupling.percent).toBeGreaterThan(10);
    expect(a.decoupling.rating).toBe('high');
  });

  it('is good when heart rate is steady', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3600,
        channels: { speed: () => 3, altitude: () => 100, heartRate: () => 150 },
      }),
    );
    expect(a.decoupling.percent).toBeCloseTo(0, 6);
    expect(a.decoupling.rating).toBe('good');
  });

  it('follows the athlete bands', () => {
    const a = analyseRun(
      testActivity({
        durationS: 3600,
        channels: { speed: () => 3, altitude: () => 100, heartRate: (t) => 145 + (t / 3600) * 20 },
      }),
    );
    expect(a.decoupling.rating).toBe('moderate');
    const strict = analyseRun(
      testActivity({
        durationS: 3600,
        channels: { speed: () => 3, altitude: () => 100, heartRate: (t) => 145 + (t / 3600) * 20 },
      }),
      {
        decouplingHighAbovePercent: 3,
      },
    );
    expect(strict.decoupling.rating).toBe('high');
  });

  it('says why a short run or a run without heart rate is not eligible', () => {
    const short = analyseRun(
      testActivity({
        durationS: 1800,
        channels: { speed: () => 3, altitude: () => 100, heartRate: () => 150 },
      }),
    );
    expect(short.decoupling.eligible).toBe(false);
    expect(short.decoupling.reason).toMatch(/30 min of running.*40 min/);
    const noHr = analyseRun(testActivity({ durationS: 3600, channels: { speed: () => 3 } }));
    expect(noHr.decoupling.reason).toMatch(/no heart rate/);
  });
});
