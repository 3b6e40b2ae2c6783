import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../src/byte-stream.ts';
import { readSeries, writeSeries } from '../src/packed-series.ts';

function roundTrip(values: Float64Array): Float64Array {
  const out = new ByteWriter(16);
  writeSeries(out, values);
  const input = new ByteReader(out.written());
  const back = readSeries(input, new Float64Array(values.length));
  expect(input.remaining).toBe(0);
  return back;
}

/** A deterministic stream of numbers in [0, 1) (a linear congruential generator). */
function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('packed series', () => {
  it('round-trips residuals at the edge of every bit width, of each order and sign', () => {
    // A residual of ±2^(w-1) needs w + 1 bits zigzagged: every width from 0 to 24 and past it (varints).
    for (let w = 0; w <= 26; w++) {
      const edge = w === 0 ? 0 : 2 ** (w - 1);
      for (const residual of [edge, 0 - edge, edge - 1, 1 - edge, -1 - edge]) {
        const level = new Float64Array(70).map((_, i) => (i % 2 === 0 ? residual : 0));
        const steps = new Float64Array(70).map((_, i) => 1e9 + i * residual);
        const curve = new Float64Array(70).map((_, i) => 5e8 + i * i * residual);
        for (const values of [level, steps, curve]) expect(roundTrip(values)).toEqual(values);
      }
    }
  });

  it('round-trips random walks of any scale, up to 2^50, and series shorter than a block', () => {
    const random = numbers(7);
    for (const scale of [1, 3, 1000, 2 ** 20, 2 ** 23, 2 ** 24, 2 ** 30, 2 ** 40]) {
      for (const n of [0, 1, 2, 31, 33, 1000]) {
        const values = new Float64Array(n);
        let v = (random() - 0.5) * 2 ** 49;
        for (let i = 0; i < n; i++) {
          v = Math.max(-(2 ** 49), Math.min(2 ** 49, v + Math.round((random() - 0.5) * scale)));
          values[i] = Math.round(v);
        }
        expect(roundTrip(values)).toEqual(values);
      }
    }
  });
});
