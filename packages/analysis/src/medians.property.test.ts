import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plausibleAltitude } from './altitude-profile.ts';
import { rollingMedianBelow } from './rolling-median-below.ts';
import { SlidingMedian } from './sliding-median.ts';
import { weightedMedian } from './weighted-stats.ts';

/** The simple weighted median: sort (value, weight) pairs and walk the cumulative weight. */
function weightedMedianBySorting(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: Iterable<number>,
): number | null {
  const pairs: Array<[number, number]> = [];
  let total = 0;
  for (const i of indices) {
    const v = values[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    pairs.push([v, w]);
    total += w;
  }
  if (total === 0) return null;
  pairs.sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (let k = 0; k < pairs.length; k++) {
    const [v, w] = pairs[k] as [number, number];
    acc += w;
    if (acc > total / 2) return v;
    if (acc === total / 2) return (v + (pairs[k + 1]?.[0] ?? v)) / 2;
  }
  return pairs[pairs.length - 1]?.[0] ?? null;
}

/** The simple median of the kept values at [lo, hi]: collect and sort. */
function medianBySorting(
  values: ArrayLike<number>,
  keep: (v: number) => boolean,
  lo: number,
  hi: number,
): number {
  const w: number[] = [];
  for (let j = lo; j <= hi; j++) if (keep(values[j] ?? NaN)) w.push(values[j] ?? NaN);
  if (w.length === 0) return NaN;
  w.sort((a, b) => a - b);
  const m = w.length >> 1;
  return w.length % 2 === 1 ? (w[m] ?? NaN) : ((w[m - 1] ?? NaN) + (w[m] ?? NaN)) / 2;
}

/**
 * The hold `plausibleAltitude` applies after its filter, as a pass of its own: a record that had
 * no altitude at all (not one dropped as out of range or a spike) takes the last kept value seen
 * within `holdS`. Fills `kept` in place.
 */
function holdAltitude(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  kept: Float64Array,
  holdS: number,
): Float64Array {
  let lastT = -Infinity;
  let lastA = NaN;
  for (let i = 0; i < kept.length; i++) {
    const t = time[i] as number;
    const a = kept[i] as number;
    if (!Number.isNaN(a)) {
      lastT = t;
      lastA = a;
    } else if (Number.isNaN(altitude[i]) && t - lastT <= holdS) kept[i] = lastA;
  }
  return kept;
}

/** The simple Hampel filter plausibleAltitude applies, re-sorting every window. */
function plausibleAltitudeBySorting(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  limits: Parameters<typeof plausibleAltitude>[2],
): Float64Array {
  const n = altitude.length;
  const inRange = Float64Array.from({ length: n }, (_, i) => {
    const a = altitude[i] ?? NaN;
    return a >= limits.minAltitudeM && a <= limits.maxAltitudeM ? a : NaN;
  });
  const out = new Float64Array(n).fill(NaN);
  const half = limits.altitudeSpikeWindowS / 2;
  for (let i = 0; i < n; i++) {
    const a = inRange[i] ?? NaN;
    const t = time[i] ?? NaN;
    if (Number.isNaN(a) || !Number.isFinite(t)) continue;
    let lo = 0;
    while (lo < i && !((time[lo] ?? -Infinity) >= t - half)) lo++;
    let hi = i;
    while (hi + 1 < n && (time[hi + 1] ?? Infinity) <= t + half) hi++;
    // A window never starts before one that came earlier: the same lower bound as the sliding pass.
    if (Math.abs(a - medianBySorting(inRange, (v) => !Number.isNaN(v), lo, hi)) <= limits.maxAltitudeSpikeM)
      out[i] = a;
  }
  return holdAltitude(time, altitude, out, limits.channelHoldS);
}

/**
 * 0 and -0 are the same median: which of them the sorting form returns depends only on where a
 * stable sort leaves keys that compare equal, so both sides are compared with -0 read as 0.
 */
function signless(x: number | null): number | null {
  return x === 0 ? 0 : x;
}

const sample = fc.oneof(
  fc.integer({ min: 150, max: 190 }), // many ties
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.constant(NaN),
);
const weight = fc.oneof(
  fc.constant(1),
  fc.integer({ min: 0, max: 5 }),
  fc.integer({ min: 1, max: 8 }).map((k) => k / 4), // sample durations at 4 Hz
  fc.double({ min: 0, max: 3, noNaN: true }), // not multiples of 1/1024: the sorting path
);

describe('weightedMedian by selection equals the median by sorting', () => {
  it('for any values, weights and subset of samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sample, weight, fc.boolean()), { maxLength: 300 }),
        fc.boolean(),
        (rows, uniformWeights) => {
          const values = rows.map((r) => r[0]);
          const weights = rows.map((r) => (uniformWeights ? 1 : r[1]));
          const indices = rows.flatMap((r, i) => (r[2] ? [i] : []));
          expect(signless(weightedMedian(values, weights, indices))).toBe(
            signless(weightedMedianBySorting(values, weights, indices)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('where the values are 0 and -0, whichever order a sort leaves them in', () => {
    expect(signless(weightedMedian([0, -0], [1, 2], [0, 1]))).toBe(0);
    expect(signless(weightedMedianBySorting([0, -0], [1, 2], [0, 1]))).toBe(0);
  });

  it('where the cumulative weight reaches exactly half', () => {
    expect(weightedMedian([1, 2, 3, 4], [1, 1, 1, 1], [0, 1, 2, 3])).toBe(2.5);
    expect(weightedMedian([4, 1, 2, 2], [2, 1, 0.5, 0.5], [0, 1, 2, 3])).toBe(3);
    expect(weightedMedian([5, 5, 7], [1, 1, 2], [0, 1, 2])).toBe(6);
    expect(weightedMedian([5, 5], [1, 1], [0, 1])).toBe(5);
  });
});

describe('SlidingMedian equals sorting each window', () => {
  it('for windows that only move forward', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 1, maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 120 }),
        (values, moves) => {
          const keep = Number.isFinite;
          const window = new SlidingMedian(values, keep);
          let lo = 0;
          let hi = -1;
          for (const [dl, dh] of moves) {
            hi = Math.min(values.length - 1, hi + dh);
            lo = Math.min(hi + 1, lo + dl);
            window.moveTo(lo, hi);
            expect(signless(window.median())).toBe(signless(medianBySorting(values, keep, lo, hi)));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** `plausibleAltitude` gives what its re-sorting form gives, with altitude kept in −500..300 m. */
function expectAsBySorting(
  time: readonly number[],
  altitude: readonly number[],
  limits: { altitudeSpikeWindowS: number; maxAltitudeSpikeM: number; channelHoldS: number },
): void {
  const all = { minAltitudeM: -500, maxAltitudeM: 300, ...limits };
  expect(Array.from(plausibleAltitude(time, altitude, all))).toEqual(
    Array.from(plausibleAltitudeBySorting(time, altitude, all)),
  );
}

describe('plausibleAltitude equals its re-sorting form', () => {
  it('on noisy altitude with spikes, gaps and irregular times', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 4 }),
            fc.oneof(
              fc.double({ min: 50, max: 60, noNaN: true }),
              fc.constant(NaN),
              fc.constant(400),
              fc.constant(90),
            ),
          ),
          { maxLength: 300 },
        ),
        fc.integer({ min: 2, max: 40 }),
        (rows, windowS) => {
          let t = 0;
          const time = rows.map(([dt]) => (t += dt));
          const altitude = rows.map(([, a]) => a);
          expectAsBySorting(time, altitude, {
            altitudeSpikeWindowS: windowS,
            maxAltitudeSpikeM: 4,
            channelHoldS: 5,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('plausibleAltitude equals its re-sorting form on stepped altitude', () => {
  it('where level stretches put the lowest and highest values in different blocks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(50, 54, 57, 61, 75, 20), fc.constant(NaN)),
            fc.integer({ min: 1, max: 24 }),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 2 }),
        (stretches, windowS, dtS) => {
          const altitude = stretches.flatMap(([a, length]) => Array.from({ length }, () => a));
          const time = altitude.map((_, i) => i * dtS);
          expectAsBySorting(time, altitude, {
            altitudeSpikeWindowS: windowS,
            maxAltitudeSpikeM: 5,
            channelHoldS: 3,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('plausibleAltitude equals its re-sorting form on steep slopes', () => {
  it('where most windows span more than the spike limit and are counted, some in whole blocks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -3, max: 3, noNaN: true }), // climb or descent per second (m)
            fc.integer({ min: 1, max: 40 }),
            fc.oneof(fc.constant(0), fc.constant(0), fc.constant(40), fc.constant(NaN)),
          ),
          { maxLength: 12 },
        ),
        fc.integer({ min: 10, max: 80 }),
        (stretches, windowS) => {
          let a = 100;
          const altitude = stretches.flatMap(([slope, length, spike]) =>
            Array.from({ length }, (_, k) => (a += slope) + (k === 0 ? spike : 0)),
          );
          const time = altitude.map((_, i) => i);
          expectAsBySorting(time, altitude, {
            altitudeSpikeWindowS: windowS,
            maxAltitudeSpikeM: 10,
            channelHoldS: 5,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('rollingMedianBelow equals comparing each re-sorted window with the threshold', () => {
  it('on cadence with ties, gaps, irregular times and skipped samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), sample, fc.boolean()), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.oneof(fc.integer({ min: 150, max: 190 }), fc.double({ min: -1000, max: 1000, noNaN: true })),
        (rows, windowS, threshold) => {
          let t = 0;
          const time = rows.map(([dt]) => (t += dt));
          const values = rows.map(([, v]) => v);
          const indices = rows.flatMap(([, , used], i) => (used ? [i] : []));
          const picked = indices.map((i) => values[i] ?? NaN);
          const expected = indices.map((i, k) => {
            let lo = 0;
            while (lo < k && (time[indices[lo] ?? 0] ?? -Infinity) < (time[i] ?? NaN) - windowS / 2) lo++;
            let hi = k;
            while (
              hi + 1 < indices.length &&
              (time[indices[hi + 1] ?? 0] ?? Infinity) <= (time[i] ?? NaN) + windowS / 2
            )
              hi++;
            return medianBySorting(picked, Number.isFinite, lo, hi) < threshold ? 1 : 0;
          });
          expect(Array.from(rollingMedianBelow(time, values, indices, windowS, threshold))).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
