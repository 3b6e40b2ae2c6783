import { readFileSync } from 'node:fs';
import { analyseRun, type RunAnalysis } from '@runcue/analysis';
import { decodeFit, readFit } from '@runcue/fit';
import { describe, expect, it } from 'vitest';

/** Real files that printed wrong figures with full confidence, each with what the device itself says. */
const corpus = new URL('../../../shared/fit-corpus/', import.meta.url);
const analyse = (file: string): RunAnalysis =>
  analyseRun(decodeFit(new Uint8Array(readFileSync(new URL(file, corpus)))));
const within = (actual: number, expected: number, share: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(share * expected);

describe('multisport files count only their running sessions', () => {
  it('Runalyze/Multisession-stop-after-transition.fit: 4.46 + 2.08 km, not 30.57 km at 0:55 /km', () => {
    const a = analyse('Runalyze/Multisession-stop-after-transition.fit');
    // Running sessions: 4460.39 m in 1134.1 s of timer and 2082.92 m in 544 s. The bike leg's
    // 23.6 km and a 197-m GPS spike in the second run no longer count.
    within(a.summary.distanceM, 4460.39 + 2082.92, 0.02);
    within(a.summary.movingTimeS, 1134.1 + 544, 0.02);
    expect(a.summary.paceSPerKm ?? 0).toBeGreaterThan(230);
    expect(a.summary.paceSPerKm ?? 0).toBeLessThan(280);
  });

  it('sports-lib/4623204522.fit: an Ironman run of 42.6 km, no onset beyond the run (was 465 %, 197.8 km)', () => {
    const a = analyse('sports-lib/4623204522.fit');
    within(a.summary.distanceM, 42_560, 0.02);
    within(a.summary.elapsedS, 13_093, 0.02);
    const onset = a.formDecay.onset;
    if (onset !== null) {
      expect(onset.distanceM ?? 0).toBeLessThanOrEqual(a.summary.distanceM);
      expect(onset.elapsedS).toBeLessThanOrEqual(a.summary.elapsedS);
    }
  });

  it('python-fitparse/activity-large-fenxi2-multisport.fit: the Fenix 2 runs are moving (was 0 s)', () => {
    const a = analyse('python-fitparse/activity-large-fenxi2-multisport.fit');
    // Two running sessions: 2245.23 m in 2294.8 s and 12740.37 m in 6764.5 s of timer. The watch
    // wrote timer events for its last (cycling) session only, and restarts distance per session.
    within(a.summary.distanceM, 2245.23 + 12_740.37, 0.02);
    expect(a.summary.movingTimeS).toBeGreaterThan(0.9 * (2294.8 + 6764.5));
    expect(a.summary.movingTimeS).toBeLessThanOrEqual(2294.8 + 6764.5 + 5);
  });
});

describe('a file that says running but cannot be a run', () => {
  it('gpsbabel/garmin-forerunner-10.fit: 10.2 km at 2:23 /km is not analysed or counted as a run', () => {
    const a = analyse('gpsbabel/garmin-forerunner-10.fit');
    expect(a.isRun).toBe(false);
    expect(a.notRunReason).toMatch(/faster than anyone runs/);
    expect(a.paceDrift.eligible).toBe(false);
    expect(a.decoupling.eligible).toBe(false);
  });
});

describe('a heart-rate-only recording', () => {
  it('python-fitparse/antfs-dump.63.fit: no speed, distance or cadence, so its timer time is its running time', () => {
    const a = analyse('python-fitparse/antfs-dump.63.fit');
    within(a.summary.movingTimeS, 3426.9, 0.02);
    expect(a.paceDrift.eligible).toBe(false);
    expect(a.paceDrift.reason).toMatch(/no speed or distance/);
  });
});

describe('one source per channel: the watch and a foot pod are not mixed record by record', () => {
  const developerColumn = (file: string, name: string): Float64Array | undefined => {
    const decoded = readFit(new Uint8Array(readFileSync(new URL(file, corpus))));
    const key = decoded.fieldDescriptions.find((d) => d.fieldName === name)?.key;
    return key === undefined || key === null ? undefined : decoded.records.developer.get(key);
  };
  const sameValues = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let differ = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? NaN;
      const y = b[i] ?? NaN;
      if (!(Number.isNaN(x) && Number.isNaN(y)) && Math.abs(x - y) > 1e-6) differ++;
    }
    return differ;
  };

  it('elevate/treadmill.fit: stance time and oscillation all from Stryd (the watch has 560 of 3101 records; was mixed)', () => {
    const a = decodeFit(new Uint8Array(readFileSync(new URL('elevate/treadmill.fit', corpus))));
    const groundTime = developerColumn('elevate/treadmill.fit', 'Ground Time');
    expect(groundTime).toBeDefined();
    expect(sameValues(a.samples.stanceTime, groundTime ?? [])).toBe(0);
    expect(a.sensors.runningDynamics).toBe('developer');
    expect(a.warnings.join(' ')).toMatch(/Stance time came from both the watch \(560 records\)/);
  });

  it('Runalyze/FR920xt-with-runscribe-plus.fit: stance time all from the watch, none from RunScribe', () => {
    const file = 'Runalyze/FR920xt-with-runscribe-plus.fit';
    const decoded = readFit(new Uint8Array(readFileSync(new URL(file, corpus))));
    const a = decodeFit(new Uint8Array(readFileSync(new URL(file, corpus))));
    expect(sameValues(a.samples.stanceTime, decoded.records.columns.stanceTime ?? [])).toBe(0);
    expect(a.sensors.runningDynamics).toBe('native');
  });
});
