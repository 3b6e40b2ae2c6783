import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { flatEquivalentSpeed, minettiCost } from './grade-adjusted-speed.ts';
import { testActivity } from './test-activity.ts';

describe('Minetti cost', () => {
  it('matches the published values', () => {
    expect(minettiCost(0)).toBeCloseTo(3.6, 6);
    // Minetti 2002 Table: about 5.0 J/kg/m at +10%, 2.6 at −10%.
    expect(minettiCost(0.1)).toBeCloseTo(3.6 + 1.95 + 0.463 - 0.0433 - 0.00304 + 0.001554, 6);
    expect(minettiCost(-0.1)).toBeCloseTo(3.6 - 1.95 + 0.463 + 0.0433 - 0.00304 - 0.001554, 6);
    expect(minettiCost(0.9)).toBe(minettiCost(0.45));
    expect(flatEquivalentSpeed(3, 0)).toBeCloseTo(3, 9);
  });
});

describe('pace drift', () => {
  it('is 0 for a constant-speed flat run', () => {
    const a = analyseRun(
      testActivity({ durationS: 3600, channels: { speed: () => 3, altitude: () => 100 } }),
    );
    expect(a.paceDrift.percent).toBeCloseTo(0, 6);
    expect(a.paceDrift.warmupTrimS).toBe(360);
  });

  it('reports a 10% slowdown as percent and s/km', () => {
    // 3.0 m/s, then 2.7 from where the halves after the 5-min trim split (27.5 min).
    const a = analyseRun(
      testActivity({
        durationS: 3000,
        channels: { speed: (t) => (t <= 1650 ? 3 : 2.7), altitude: () => 100 },
      }),
    );
    expect(a.paceDrift.warmupTrimS).toBe(300);
    expect(a.paceDrift.percent).toBeCloseTo(10, 1);
    expect(a.paceDrift.secondsPerKm).toBeCloseTo(1000 / 2.7 - 1000 / 3, 0);
  });

  it('removes the apparent drift of an even effort uphill then downhill', () => {
    const grade = (t: number): number => (t < 1800 ? 0.05 : -0.05);
    const speed = (t: number): number => (3 * 3.6) / minettiCost(grade(t));
    let d = 0;
    let alt = 100;
    const altByT: number[] = [];
    for (let t = 0; t <= 3600; t++) {
      altByT.push(alt);
      d += speed(t);
      alt += speed(t) * grade(t);
    }
    void d;
    const a = analyseRun(
      testActivity({ durationS: 3600, channels: { speed, altitude: (t) => altByT[t] ?? NaN } }),
    );
    expect(a.paceDrift.gradeAdjusted).toBe(true);
    expect(a.paceDrift.rawPercent ?? 0).toBeLessThan(-30);
    expect(Math.abs(a.paceDrift.percent ?? 99)).toBeLessThan(2);
  });

  it('is null for a short run', () => {
    const a = analyseRun(testActivity({ durationS: 600, channels: { speed: () => 3 } }));
    expect(a.paceDrift.percent).toBeNull();
  });
});
