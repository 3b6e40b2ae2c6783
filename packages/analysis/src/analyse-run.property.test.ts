import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseRun } from './analyse-run.ts';
import { testActivity } from './test-activity.ts';

/** A run of 20–40 min whose cadence is a random step pattern (one level per minute). */
const cadenceLevels = fc.array(fc.integer({ min: 140, max: 195 }), { minLength: 20, maxLength: 40 });
const run = (levels: number[], scale = 1) =>
  testActivity({
    durationS: levels.length * 60 - 1,
    channels: { speed: () => 3, cadence: (t) => scale * (levels[Math.floor(t / 60)] ?? 170) },
  });

describe('cadence properties', () => {
  it('inserting a pause does not change the median', () => {
    fc.assert(
      fc.property(
        cadenceLevels,
        fc.integer({ min: 1, max: 19 }),
        fc.integer({ min: 30, max: 900 }),
        (levels, atMin, pauseS) => {
          const plain = analyseRun(run(levels)).cadence.medianSpm;
          const at = atMin * 60;
          const end = levels.length * 60 - 1 + pauseS;
          const paused = testActivity({
            durationS: end,
            // During the pause the watch still records a standing runner: it must not count.
            channels: {
              speed: (t) => (t > at && t < at + pauseS ? 0 : 3),
              cadence: (t) =>
                t > at && t < at + pauseS ? 0 : (levels[Math.floor((t <= at ? t : t - pauseS) / 60)] ?? 170),
            },
            timerEvents: [
              { elapsedS: 0, kind: 'start' },
              { elapsedS: at, kind: 'stop' },
              { elapsedS: at + pauseS, kind: 'start' },
              { elapsedS: end, kind: 'stop' },
            ],
          });
          expect(analyseRun(paused).cadence.medianSpm).toBe(plain);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('scaling every cadence scales the median', () => {
    fc.assert(
      fc.property(cadenceLevels, fc.double({ min: 0.9, max: 1.1, noNaN: true }), (levels, k) => {
        const base = analyseRun(run(levels)).cadence.medianSpm ?? NaN;
        expect(analyseRun(run(levels, k)).cadence.medianSpm).toBeCloseTo(base * k, 6);
      }),
      { numRuns: 30 },
    );
  });

  it('bands sum to 1 and the share below the threshold grows with the threshold', () => {
    fc.assert(
      fc.property(
        cadenceLevels,
        fc.integer({ min: 150, max: 185 }),
        fc.integer({ min: 1, max: 15 }),
        (levels, low, step) => {
          const a = analyseRun(run(levels), { cadenceThresholdSpm: low });
          const b = analyseRun(run(levels), { cadenceThresholdSpm: low + step });
          const bands = a.cadence.bands;
          expect(
            (bands?.below160 ?? 0) +
              (bands?.from160to170 ?? 0) +
              (bands?.from170to180 ?? 0) +
              (bands?.above180 ?? 0),
          ).toBeCloseTo(1, 9);
          expect(b.cadence.shareBelowThreshold ?? 0).toBeGreaterThanOrEqual(
            a.cadence.shareBelowThreshold ?? 0,
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('pace drift properties', () => {
  it('a constant-speed flat run has no drift, whatever the speed and length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 6, noNaN: true }),
        fc.integer({ min: 16, max: 90 }),
        fc.integer({ min: 0, max: 500 }),
        (v, minutes, alt) => {
          const a = analyseRun(
            testActivity({
              durationS: minutes * 60,
              stepS: 2,
              channels: { speed: () => v, altitude: () => alt },
            }),
          );
          expect(a.paceDrift.percent).toBeCloseTo(0, 9);
          expect(a.paceDrift.secondsPerKm).toBeCloseTo(0, 6);
        },
      ),
      { numRuns: 25 },
    );
  });
});
