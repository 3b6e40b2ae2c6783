import { analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import {
  cadenceDropoutRun,
  cadenceDropoutTruth,
  climbingFinishRun,
  climbingFinishTruth,
  duathlonRun,
  duathlonTruth,
  heartRateDriftRun,
  hillySteadyRun,
  intervalSessionRun,
  intervalSessionTruth,
  noisyAltitudeRun,
  steadyDriftRun,
  steadyDriftTruth,
  verticalHikeRun,
  verticalHikeTruth,
} from '@runcue/scripts/fixtures';
import { describe, expect, it } from 'vitest';

/**
 * Synthetic runs with a known answer, written with the FIT SDK's Encoder, decoded and analysed:
 * the figures land within the tolerances a reader is promised (distance and time within 2 %,
 * drift and decoupling within 1 point), and a figure the run cannot support is not given.
 */
const within = (actual: number, expected: number, share: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(share * Math.abs(expected));

describe('steady-run checks', () => {
  it('a steady run over gentle hills: drift and decoupling within a point of the known answer', () => {
    const a = analyseRun(decodeFit(steadyDriftRun()));
    expect(a.paceDrift.eligible).toBe(true);
    expect(a.paceDrift.reason).toBeNull();
    expect(a.paceDrift.gradeAdjusted).toBe(true);
    expect(Math.abs((a.paceDrift.percent ?? 99) - steadyDriftTruth.driftPercent)).toBeLessThan(1);
    expect(a.decoupling.eligible).toBe(true);
    expect(Math.abs((a.decoupling.percent ?? 99) - steadyDriftTruth.decouplingPercent)).toBeLessThan(1);
    expect(a.formDecay.detected).toBe(false);
  });

  it('an interval session gets no drift, no decoupling and no decay (regression: intervals got "start easier")', () => {
    const a = analyseRun(decodeFit(intervalSessionRun()));
    within(a.summary.distanceM, intervalSessionTruth.distanceM, 0.02);
    within(a.summary.movingTimeS, intervalSessionTruth.durationS, 0.02);
    expect(a.paceDrift.eligible).toBe(false);
    expect(a.paceDrift.percent).toBeNull();
    expect(a.paceDrift.reason).toMatch(/steady effort/);
    expect(a.decoupling.eligible).toBe(false);
    expect(a.decoupling.percent).toBeNull();
    expect(a.decoupling.reason).toMatch(/steady effort/);
    expect(a.formDecay.detected).toBe(false);
  });

  it('the fixtures that were steady stay eligible', () => {
    expect(analyseRun(decodeFit(hillySteadyRun())).paceDrift.eligible).toBe(true);
    expect(analyseRun(decodeFit(heartRateDriftRun())).decoupling.eligible).toBe(true);
  });
});

describe('grade adjustment only with altitude it can trust', () => {
  it('noisy GPS altitude: drift and decoupling not eligible, and the altitude is named', () => {
    const a = analyseRun(decodeFit(noisyAltitudeRun()));
    expect(a.paceDrift.gradeTrusted).toBe(false);
    expect(a.paceDrift.eligible).toBe(false);
    expect(a.paceDrift.reason).toMatch(/altitude is too noisy/);
    expect(a.decoupling.eligible).toBe(false);
    expect(a.decoupling.reason).toMatch(/altitude/);
  });
});

describe('form decay only on comparable windows', () => {
  it('a climbing finish is reported as a climb, not as decay', () => {
    const a = analyseRun(decodeFit(climbingFinishRun()));
    expect(a.summary.movingTimeS).toBeCloseTo(climbingFinishTruth.durationS, -1);
    expect(a.formDecay.detected).toBe(false);
    expect(a.formDecay.onset).toBeNull();
    expect(a.formDecay.comparable).toBe(false);
    expect(a.formDecay.finish).toBe('climbing');
    expect(a.formDecay.reason).toMatch(/climb/);
    // The figures themselves are still shown for what they are.
    expect(a.formDecay.deltas.cadenceSpm ?? 0).toBeLessThan(-5);
  });
});

describe('slow uphill hiking is moving, not stopped', () => {
  it('a vertical run keeps its 50-min hike in moving time, as walking', () => {
    const a = analyseRun(decodeFit(verticalHikeRun()));
    within(a.summary.movingTimeS, verticalHikeTruth.movingS, 0.02);
    within(a.summary.distanceM, verticalHikeTruth.distanceM, 0.02);
    const hikeS = verticalHikeTruth.hikeToS - verticalHikeTruth.hikeFromS;
    within(a.summary.walkTimeS, hikeS, 0.02);
    // The hike is left out of the cadence figures: only the running's 166 spm counts.
    expect(Math.abs((a.cadence.medianSpm ?? 0) - 166)).toBeLessThan(1);
    expect(a.paceDrift.eligible).toBe(false);
  });
});

describe('multisport: only the running sessions count', () => {
  for (const distancePerLeg of [false, true]) {
    it(`a duathlon${distancePerLeg ? ' whose distance restarts in each leg' : ''}: run distance, time, onset inside the run`, () => {
      const a = analyseRun(decodeFit(duathlonRun({ distancePerLeg })));
      within(a.summary.distanceM, duathlonTruth.runDistanceM, 0.02);
      within(a.summary.movingTimeS, duathlonTruth.runTimeS, 0.02);
      within(a.summary.elapsedS, duathlonTruth.runTimeS, 0.02);
      // The bike's 88 rpm is not a cadence of the run.
      expect(a.cadence.bands?.below160 ?? 1).toBeLessThan(0.01);
      expect(a.formDecay.detected).toBe(true);
      const onset = a.formDecay.onset;
      expect(Math.abs((onset?.elapsedS ?? -1e9) - duathlonTruth.onsetRunElapsedS)).toBeLessThanOrEqual(120);
      expect(Math.abs((onset?.distanceM ?? -1e9) - duathlonTruth.onsetRunDistanceM)).toBeLessThanOrEqual(360);
      expect(onset?.distanceM ?? Infinity).toBeLessThanOrEqual(a.summary.distanceM);
    });
  }
});

describe('cadence 0 while moving is missing', () => {
  it('dropouts count neither below the threshold nor in the bands', () => {
    const a = analyseRun(decodeFit(cadenceDropoutRun()));
    expect(a.cadence.shareBelowThreshold).toBeCloseTo(cadenceDropoutTruth.shareBelow170, 3);
    expect(a.cadence.bands?.below160).toBe(0);
    expect(a.cadence.coveredS).toBeCloseTo(cadenceDropoutTruth.durationS - cadenceDropoutTruth.zeroS, -1);
    expect(a.summary.runningTimeS).toBeCloseTo(cadenceDropoutTruth.durationS, -1);
  });
});
