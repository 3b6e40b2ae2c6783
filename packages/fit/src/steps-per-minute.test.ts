import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStrideCadenceSport, strideToStepFactor } from './running-cadence.ts';
import type { CadenceSessions } from './steps-per-minute.ts';
import { cadenceToSteps } from './steps-per-minute.ts';

/** The rule written plainly: each record's session found by scanning, each session judged alone. */
function reference(
  cadence: readonly number[],
  time: readonly number[],
  dropped: readonly number[] | null,
  { sessions, sportBefore }: CadenceSessions,
): { cadence: number[]; already: boolean } {
  const keyOf = (i: number): number => {
    if (dropped?.[i] === 1) return 0;
    for (let k = sessions.length - 1; k >= 0; k--)
      if ((time[i] ?? NaN) >= (sessions[k]?.startElapsedS ?? NaN) - 0.5)
        return isStrideCadenceSport(sessions[k]?.sport ?? null) ? k + 1 : 0;
    return isStrideCadenceSport(sportBefore) ? 1 : 0;
  };
  const keys = cadence.map((_, i) => keyOf(i));
  const factors = new Map<number, 1 | 2>();
  for (const key of new Set(keys))
    if (key > 0) factors.set(key, strideToStepFactor(cadence.filter((_, i) => keys[i] === key)));
  return {
    cadence: cadence.map((c, i) => c * (factors.get(keys[i] ?? 0) ?? 1)),
    already: [...factors.values()].includes(1),
  };
}

const sports = fc.constantFrom('running', 'cycling', 'walking', 'transition', null);

describe('cadenceToSteps', () => {
  it('doubles strides in running sessions only, judging each session alone', () => {
    const cadence = new Float64Array([80, 85, 90, 170, 175, 80, 85]);
    const time = new Float64Array([0, 1, 2, 10, 11, 20, 21]);
    const warnings: string[] = [];
    cadenceToSteps(
      cadence,
      time,
      null,
      {
        sessions: [
          { startElapsedS: 0, sport: 'running' },
          { startElapsedS: 10, sport: 'running' },
          { startElapsedS: 20, sport: 'cycling' },
        ],
        sportBefore: 'running',
      },
      warnings,
    );
    expect([...cadence]).toEqual([160, 170, 180, 170, 175, 80, 85]);
    expect(warnings).toHaveLength(1);
  });

  it('agrees with the plain rule on any times, sessions (in any order) and dropped records', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cadence: fc.oneof(
              fc.constant(NaN),
              fc.constant(0),
              fc.double({ min: 40, max: 200, noNaN: true }),
            ),
            step: fc.oneof(fc.constant(NaN), fc.constant(0), fc.double({ min: 0, max: 30, noNaN: true })),
            dropped: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        fc.array(
          fc.record({ startElapsedS: fc.double({ min: -10, max: 400, noNaN: true }), sport: sports }),
          {
            maxLength: 5,
          },
        ),
        sports,
        fc.boolean(),
        (records, sessions, sportBefore, anyDropped) => {
          // Times as the record clock makes them: NaN until the first timestamp, then never decreasing.
          let t = NaN;
          const time = records.map((r) => (t = Number.isNaN(r.step) ? t : Number.isNaN(t) ? 0 : t + r.step));
          const cadence = records.map((r) => r.cadence);
          const dropped = anyDropped ? records.map((r) => (r.dropped ? 1 : 0)) : null;
          const input = { sessions, sportBefore };
          const expected = reference(cadence, time, dropped, input);
          const actual = Float64Array.from(cadence);
          const warnings: string[] = [];
          cadenceToSteps(
            actual,
            Float64Array.from(time),
            dropped && Uint8Array.from(dropped),
            input,
            warnings,
          );
          expect([...actual]).toEqual(expected.cadence);
          expect(warnings.length).toBe(expected.already ? 1 : 0);
        },
      ),
      { numRuns: 500, seed: 10 },
    );
  });
});
