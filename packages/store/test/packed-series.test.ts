import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../src/byte-stream.ts';
import { readSeries, writeSeries, writeSmallSeries } from '../src/packed-series.ts';

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

  it('round-trips series at the edges of the 32-bit integer path, and the same values as Int32Array', () => {
    const random = numbers(11);
    const t = 2 ** 28;
    const f = 2 ** 24;
    // [start, end] of each series: inside and just outside [-2^28, 2^28), spans of about 2^28 far
    // from 0, and series that cross ±2^24 (where order 0 stops being a varint).
    const ranges = [
      [-t, t - 1],
      [-t - 1, t - 1],
      [-t, t],
      [f, f + t - 1],
      [f - 1, f + t - 1],
      [-f - t, -f - 1],
      [-f - t, -f],
      [3e9, 3e9 + t - 1],
      [3e9, 3e9 + t],
      [-f - 5, f + 5],
      [2 ** 31 - 40, 2 ** 31 + 40],
      [2 ** 32 - 70, 2 ** 32 - 1],
    ];
    for (const [from, to] of ranges as Array<[number, number]>) {
      for (const shape of ['ends', 'noise', 'ramp'] as const) {
        const values = new Float64Array(97).map((_, i) => {
          if (shape === 'ends') return i % 3 === 0 ? from : i % 3 === 1 ? to : Math.round((from + to) / 2);
          if (shape === 'noise') return from + Math.floor(random() * (to - from + 1));
          return Math.round(from + ((to - from) * i) / 96);
        });
        values.forEach((v, i) => (values[i] = v + 0)); // Math.round gives -0; a series holds integers
        values[0] = from;
        values[96] = to;
        expect(roundTrip(values)).toEqual(values);
      }
    }
    const small = new Int32Array(200).map((_, i) => (i % 7 === 3 ? -(2 ** 27) : 2 ** 27 - 1 - i * i));
    const out = new ByteWriter(16);
    writeSmallSeries(out, small, 150);
    const doubles = new ByteWriter(16);
    writeSeries(doubles, Float64Array.from(small.subarray(0, 150)));
    expect(out.written()).toEqual(doubles.written());
  });
});
