import { describe, expect, it } from 'vitest';
import { channelNames } from '@runcue/fit';
import { SamplesCodecError, decodeSamples, encodeSamples } from '../src/index.ts';
import { makeSamples } from './fixtures.ts';

const FLOAT64 = new Set(['time', 'distance', 'lat', 'lon']);

describe('samples codec', () => {
  it('round-trips every channel: Float64 channels exactly, the rest to Float32 precision, NaN kept', () => {
    const samples = makeSamples(3600);
    const back = decodeSamples(encodeSamples(samples));
    expect(back.length).toBe(3600);
    for (const name of channelNames) {
      const a = samples[name];
      const b = back[name];
      expect(b).toBeInstanceOf(Float64Array);
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i++) {
        const want = FLOAT64.has(name) ? (a[i] ?? Number.NaN) : Math.fround(a[i] ?? Number.NaN);
        if (!Object.is(b[i], want)) throw new Error(`${name}[${i}]: ${b[i]} != ${want}`);
      }
    }
    expect(back.heartRate[0]).toBeNaN();
    expect(back.power.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('is compact: an hour of 1 Hz samples takes well under the raw Float64 size', () => {
    const samples = makeSamples(3600);
    const encoded = encodeSamples(samples);
    const raw = 3600 * 8 * channelNames.length;
    expect(encoded.byteLength).toBeLessThan(raw / 3);
  });

  it('handles zero samples', () => {
    const back = decodeSamples(encodeSamples(makeSamples(0)));
    expect(back.length).toBe(0);
    expect(back.time.length).toBe(0);
  });

  it('refuses an unknown format version and damaged bytes with SAMPLES_CORRUPT', () => {
    const encoded = encodeSamples(makeSamples(10));
    expect(() => decodeSamples(encoded, 2)).toThrow(SamplesCodecError);
    expect(() => decodeSamples(encoded.subarray(0, encoded.length - 3))).toThrow(SamplesCodecError);
    try {
      decodeSamples(Uint8Array.from([1, 2, 3]));
      expect.unreachable();
    } catch (error) {
      expect((error as SamplesCodecError).code).toBe('SAMPLES_CORRUPT');
    }
  });
});
