import { readFileSync } from 'node:fs';
import { analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import {
  cadenceDecayRun,
  cadenceDecayTruth,
  groundTruthFixtures,
  heartRateDriftRun,
  heartRateDriftTruth,
  hillySteadyRun,
  pausedRun,
  pausedRunTruth,
  sampleRun,
  stepsCadenceRun,
  stepsCadenceTruth,
  walkBreakRun,
  walkBreakTruth,
} from '@runcue/scripts/fixtures';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

describe('ground truth: generated FIT files decoded and analysed', () => {
  it('(a) finds the late cadence drop and its onset within 2 minutes', () => {
    const a = analyseRun(decodeFit(cadenceDecayRun()));
    expect(a.formDecay.detected).toBe(true);
    expect(a.formDecay.reasons).toEqual(expect.arrayContaining(['cadence', 'stanceTime']));
    expect(
      Math.abs((a.formDecay.onset?.elapsedS ?? -1e9) - cadenceDecayTruth.onsetElapsedS),
    ).toBeLessThanOrEqual(120);
    const { cadenceAfterSpm, cadenceBeforeSpm, stanceAfterMs, stanceBeforeMs } = cadenceDecayTruth;
    expect(a.formDecay.deltas.cadenceSpm).toBeCloseTo(cadenceAfterSpm - cadenceBeforeSpm, 0);
    expect(a.formDecay.deltas.stanceTimeMs ?? 0).toBeGreaterThan(0.8 * (stanceAfterMs - stanceBeforeMs));
    expect(a.formDecay.onset?.distanceM ?? 0).toBeGreaterThan(6000);
  });

  it('(b) grade adjustment removes the apparent drift of an even-effort hilly run', () => {
    const a = analyseRun(decodeFit(hillySteadyRun()));
    expect(a.paceDrift.gradeAdjusted).toBe(true);
    expect(a.paceDrift.rawPercent ?? 0).toBeLessThan(-40);
    expect(Math.abs(a.paceDrift.percent ?? 99)).toBeLessThan(1.5);
    expect(a.paceDrift.firstHalfGasMps).toBeCloseTo(3.0, 1);
    expect(a.summary.elevationGainM ?? 0).toBeGreaterThan(190);
  });

  it('(c) leaves walk breaks out of cadence and counts them as walking', () => {
    const { bytes, walkBreaks } = walkBreakRun();
    const a = analyseRun(decodeFit(bytes));
    expect(Math.abs((a.cadence.medianSpm ?? 0) - walkBreakTruth.runCadenceSpm)).toBeLessThan(1);
    expect(a.cadence.bands?.below160).toBe(0);
    expect(a.summary.walkBreakCount).toBe(walkBreaks);
    expect(a.summary.walkTimeS).toBeGreaterThan(walkBreaks * walkBreakTruth.walkS - 5);
    expect(a.summary.walkTimeS).toBeLessThan(walkBreaks * walkBreakTruth.walkS + 5);
    expect(a.summary.movingTimeS).toBe(a.summary.runningTimeS + a.summary.walkTimeS);
  });

  it('(d) does not double a cadence field that already holds steps/min', () => {
    const activity = decodeFit(stepsCadenceRun());
    const a = analyseRun(activity);
    expect(Math.abs((a.cadence.medianSpm ?? 0) - stepsCadenceTruth.cadenceSpm)).toBeLessThanOrEqual(1);
  });

  it('(e) leaves a timer pause out of moving time', () => {
    const a = analyseRun(decodeFit(pausedRun()));
    expect(Math.abs(a.summary.movingTimeS - pausedRunTruth.movingS)).toBeLessThanOrEqual(2);
    expect(Math.abs(a.summary.elapsedS - pausedRunTruth.elapsedS)).toBeLessThanOrEqual(2);
    expect(a.summary.paceSPerKm).toBeCloseTo(1000 / pausedRunTruth.speedMps, 0);
  });

  it('(f) rates rising heart rate at constant pace as high decoupling', () => {
    const a = analyseRun(decodeFit(heartRateDriftRun()));
    expect(a.decoupling.eligible).toBe(true);
    expect(a.decoupling.rating).toBe('high');
    expect(Math.abs((a.decoupling.percent ?? 0) - heartRateDriftTruth.decouplingPercent)).toBeLessThan(1);
    expect(Math.abs(a.paceDrift.percent ?? 99)).toBeLessThan(0.5);
  });

  it('the sample run shows what it was made to show', () => {
    const a = analyseRun(decodeFit(sampleRun()));
    expect(a.summary.distanceM).toBeGreaterThan(9900);
    expect(a.summary.movingTimeS / 60).toBeGreaterThan(50);
    expect(a.summary.movingTimeS / 60).toBeLessThan(60);
    expect(Math.abs((a.cadence.medianSpm ?? 0) - 164)).toBeLessThan(2);
    expect(a.formDecay.detected).toBe(true);
    expect(a.formDecay.channels).toHaveLength(6);
    expect(a.formDecay.onset?.elapsedS ?? 0).toBeGreaterThan(0.7 * a.summary.elapsedS);
  });

  it('the committed fixtures are what the generators make', () => {
    for (const { file, build } of groundTruthFixtures)
      expect(Buffer.from(fixture(file)).equals(Buffer.from(build())), file).toBe(true);
    const example = new Uint8Array(readFileSync(new URL('../../examples/sample-run.fit', import.meta.url)));
    expect(Buffer.from(example).equals(Buffer.from(sampleRun()))).toBe(true);
  });
});
