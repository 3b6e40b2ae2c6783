/**
 * Fuzzing stays in the suite: a seeded, bounded run of mutated FIT files through `decodeFit`.
 * Every outcome is an Activity or a typed `FitError`; never another exception. Mutations start
 * from small files the SDK's Encoder writes (an activity, a non-activity) and flip, set, insert,
 * delete and copy bytes, cut the file short, and rewrite the header's size fields. The longer
 * run with counts, hangs and peak memory is `scripts/fuzz.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFit } from './decode-fit.ts';
import { isFitError } from './fit-error.ts';
import { encodeTestActivity } from './fit-test-files.ts';
import { mutateBytes, type Mutation } from '../test/mutate-bytes.ts';

const SEEDS = [
  encodeTestActivity({ records: 40 }),
  encodeTestActivity({ records: 3, strideCadence: 85 }),
  encodeTestActivity({ records: 0, fileType: 'settings' }),
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('flip' as const, 'set' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('header' as const),
    at: fc.integer({ min: 0, max: 13 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('copy' as const),
    at: fc.nat(),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
);

describe('decodeFit under fuzzing', () => {
  it('answers every mutated file with an Activity or a typed FitError (seeded, 2000 cases)', () => {
    const codes = new Map<string, number>();
    let activities = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seedIndex, mutations) => {
          const bytes = mutateBytes(SEEDS[seedIndex] ?? new Uint8Array(), mutations);
          try {
            decodeFit(bytes, { maxBytes: 1 << 20 });
            activities += 1;
          } catch (err) {
            if (!isFitError(err)) throw err;
            codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
          }
        },
      ),
      { seed: 20261126, numRuns: 2000 },
    );
    // The mutations reach both outcomes and several refusals, or the run proves little.
    expect(activities).toBeGreaterThan(100);
    expect(codes.size).toBeGreaterThanOrEqual(3);
  });

  it('keeps the seeds themselves decodable, so the mutations start from real files', () => {
    expect(decodeFit(SEEDS[0] ?? new Uint8Array()).samples.time.length).toBeGreaterThan(0);
  });
});
