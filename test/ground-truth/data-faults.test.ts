import { analyseRun, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, type Activity } from '@runcue/fit';
import {
  faultyRun,
  faultyRunTruth,
  recordLayoutRun,
  recordLayoutTruth,
  runWalkStepsRun,
  runWalkStepsTruth,
  writeRunFit,
  type RunFault,
} from '@runcue/scripts/fixtures';
import { describe, expect, it } from 'vitest';

/**
 * One steady run with a known answer, written clean and with each fault a device or a sensor
 * puts into a file: the fault must not move distance, time, drift or decoupling, and whatever was
 * repaired or left out is said in `repairs` (which the reports print).
 */
const read = (fault: RunFault): { activity: Activity; analysis: RunAnalysis } => {
  const activity = decodeFit(faultyRun(fault));
  return { activity, analysis: analyseRun(activity) };
};
const within = (actual: number, expected: number, share: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(share * Math.abs(expected));

function expectTrueFigures(a: RunAnalysis): void {
  within(a.summary.distanceM, faultyRunTruth.distanceM, 0.02);
  within(a.summary.movingTimeS, faultyRunTruth.durationS, 0.02);
  within(a.summary.runningTimeS, faultyRunTruth.durationS, 0.02);
  expect(a.paceDrift.eligible).toBe(true);
  expect(Math.abs((a.paceDrift.percent ?? 99) - faultyRunTruth.driftPercent)).toBeLessThan(1);
  expect(a.decoupling.eligible).toBe(true);
  expect(Math.abs((a.decoupling.percent ?? 99) - faultyRunTruth.decouplingPercent)).toBeLessThan(1);
  expect(a.formDecay.detected).toBe(false);
}

describe('the clean run', () => {
  it('reads its known answer, with nothing repaired', () => {
    const { activity, analysis } = read('none');
    expectTrueFigures(analysis);
    expect(analysis.summary.elevationGainM ?? 0).toBeLessThan(3);
    expect(activity.repairs).toEqual([]);
  });
});

describe('clock jumps cost nothing (regression: a jump lost every record after it)', () => {
  for (const [fault, said] of [
    ['clock-ahead', /clock jumped 3 days ahead 25 min into the recording/],
    ['clock-back', /clock jumped 1 h back 25 min into the recording/],
  ] as const) {
    it(`${fault}: the records after the jump are re-based and keep counting`, () => {
      const { activity, analysis } = read(fault);
      expectTrueFigures(analysis);
      within(analysis.summary.elapsedS, faultyRunTruth.durationS, 0.02);
      expect(activity.repairs).toHaveLength(1);
      expect(activity.repairs?.[0]).toMatch(said);
      expect(activity.warnings).toContain(activity.repairs?.[0]);
    });
  }

  it('one record with a timestamp days ahead: only that record is left out', () => {
    const { activity, analysis } = read('bad-timestamp');
    expectTrueFigures(analysis);
    expect(activity.samples.length).toBe(faultyRunTruth.durationS + 1);
    expect(activity.repairs).toEqual([
      '1 record carried a timestamp far from the rest of the run; its values were left out.',
    ]);
  });
});

describe('steps/min in the cadence field, decided so a run/walk session reads right', () => {
  for (const cadenceAsSteps of [true, false]) {
    it(`a run/walk session written in ${cadenceAsSteps ? 'steps' : 'strides'}/min walks at 112 spm and runs at 170 (regression: 224 spm walking)`, () => {
      const a = analyseRun(decodeFit(runWalkStepsRun({ cadenceAsSteps })));
      within(a.summary.distanceM, runWalkStepsTruth.distanceM, 0.02);
      within(a.summary.runningTimeS, runWalkStepsTruth.runS, 0.02);
      within(a.summary.walkTimeS, runWalkStepsTruth.walkS, 0.02);
      expect(Math.abs((a.cadence.medianSpm ?? 0) - 170)).toBeLessThanOrEqual(1);
      expect(a.cadence.bands?.above180 ?? 1).toBe(0);
    });
  }
});

describe('plausibility filters on speed, distance and altitude', () => {
  it('a GPS glitch (40 m/s for 5 s, distance 200 m ahead for good) moves neither distance nor drift', () => {
    expectTrueFigures(read('gps-glitch').analysis);
  });

  it('a barometer spike (80 m for 5 s) moves neither elevation gain nor drift', () => {
    const { analysis } = read('barometer-spike');
    expectTrueFigures(analysis);
    expect(analysis.summary.elevationGainM ?? 99).toBeLessThan(3);
  });
});

describe('files that write channels in records of their own', () => {
  it('a phone app (one channel per record at the same second) reads as a watch file', () => {
    const { analysis } = read('phone-app');
    expectTrueFigures(analysis);
    expect(analysis.summary.walkTimeS).toBe(0);
    within(analysis.cadence.coveredS, faultyRunTruth.durationS, 0.01);
  });

  it('position-only records between full ones (Suunto) dilute neither heart rate, cadence nor altitude', () => {
    const { analysis } = read('gps-only-records');
    expectTrueFigures(analysis);
    within(analysis.cadence.coveredS, faultyRunTruth.durationS, 0.01);
  });
});

describe('the same run in the record layout of a watch, a phone app and a Suunto', () => {
  // Regression: read record by record, a phone-app file had five samples a second, so the 30-s
  // rolling median of the low-cadence stretches covered 6 s (0 stretches found instead of 5), and
  // running time, walk time, the cadence bands and the speed slope all moved.
  for (const cadence of [true, false]) {
    it(`gives the same figures, ${cadence ? 'with' : 'without'} a cadence sensor`, () => {
      const watch = analyseRun(decodeFit(recordLayoutRun('watch', { cadence })));
      for (const layout of ['phone-app', 'position-apart'] as const)
        expect(analyseRun(decodeFit(recordLayoutRun(layout, { cadence }))), layout).toEqual(watch);
      if (cadence) {
        within(watch.summary.walkTimeS, recordLayoutTruth.walkS, 0.02);
        within(watch.summary.runningTimeS, recordLayoutTruth.runS, 0.02);
        within(watch.cadence.coveredS, recordLayoutTruth.cadenceCoveredS, 0.02);
        expect(watch.cadence.stretchesBelow.length).toBe(6);
      } else {
        expect(watch.cadence.medianSpm).toBeNull();
        expect(watch.cadence.coveredS).toBe(0);
      }
    });
  }
});

describe('time zone', () => {
  const withOffset = (localOffsetS: number): Activity =>
    decodeFit(
      writeRunFit({
        start: new Date(Date.UTC(2024, 4, 5, 22, 30)), // a Sunday, 22:30 UTC
        points: Array.from({ length: 601 }, (_, t) => ({ t, speedMps: 3, cadenceSpm: 170 })),
        localOffsetS,
      }),
    );

  it('an offset beyond ±14 h is ignored, so the run is not moved into another day or week', () => {
    const a = withOffset(20 * 3600);
    expect(a.localOffsetS).toBeNull();
    expect(a.repairs).toEqual([
      'The file gives a local time 20 h from UTC, which no time zone has; it was ignored, so the run keeps its real day.',
    ]);
  });

  it('a real offset is kept', () => {
    expect(withOffset(2 * 3600).localOffsetS).toBe(7200);
    expect(withOffset(-10 * 3600).localOffsetS).toBe(-36000);
  });
});
