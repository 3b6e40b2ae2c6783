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

const SEEDS = [
  encodeTestActivity({ records: 40 }),
  encodeTestActivity({ records: 3, strideCadence: 85 }),
  encodeTestActivity({ records: 0, fileType: 'settings' }),
];

type Mutation =
  | { kind: 'flip' | 'set'; at: number; value: number }
  | { kind: 'header'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'copy'; at: number; from: number; length: number };

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

/** Applies the mutations in order to a copy of `seed`. */
function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b: Uint8Array = seed.slice();
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip' && b.length > 0) b[at] = (b[at] ?? 0) ^ (m.value || 1);
    else if ((m.kind === 'set' || m.kind === 'header') && b.length > 0)
      b[m.kind === 'header' ? Math.min(m.at, b.length - 1) : at] = m.value;
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'insert') b = concat(b.slice(0, at), m.bytes, b.slice(at));
    else if (m.kind === 'delete') b = concat(b.slice(0, at), b.slice(at + m.length));
    else if (m.kind === 'copy' && b.length > 0) {
      const from = m.from % b.length;
      b = concat(b.slice(0, at), b.slice(from, from + m.length), b.slice(at));
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('decodeFit under fuzzing', () => {
  it('answers every mutated file with an Activity or a typed FitError (seeded, 2000 cases)', () => {
    const codes = new Map<string, number>();
    let activities = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seedIndex, mutations) => {
          const bytes = mutate(SEEDS[seedIndex] ?? new Uint8Array(), mutations);
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
