import { describe, expect, it } from 'vitest';
import { channelNames, type Samples } from '@runcue/fit';
import { SAMPLES_FORMAT_VERSION, SamplesCodecError, decodeSamples, encodeSamples } from '../src/index.ts';
import { encodeSamplesFormat1 } from '../src/samples-format-1.ts';
import { makeSamples } from './fixtures.ts';

function expectIdentical(back: Samples, want: Samples): void {
  expect(back.length).toBe(want.length);
  for (const name of channelNames) {
    const a = want[name];
    const b = back[name];
    expect(b).toBeInstanceOf(Float64Array);
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) {
      const same = Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]));
      if (!same) throw new Error(`${name}[${i}]: ${b[i]} != ${a[i]}`);
    }
  }
}

/** Samples as a watch's quantised fields decode: cm, mm/s, fifths of a metre, semicircles, 1/64 spm. */
function watchLikeSamples(n: number): Samples {
  const s = makeSamples(n);
  for (let i = 0; i < n; i++) {
    s.distance[i] = Math.round(i * 301.7 + 40 * Math.sin(i / 9)) / 100;
    s.speed[i] = Math.round(3000 + 300 * Math.sin(i / 30)) / 1000;
    s.altitude[i] = (2500 + 170 + Math.round(20 * Math.cos(i / 50))) / 5 - 500;
    s.lat[i] = (620_000_000 + i * 320) * (180 / 2 ** 31);
    s.lon[i] = (160_000_000 - i * 210) * (180 / 2 ** 31);
    s.cadence[i] = 2 * (83 + Math.round(64 * Math.sin(i / 7)) / 128);
    s.stanceTime[i] = i % 600 < 300 ? (2400 + (i % 13)) / 10 : Number.NaN;
  }
  return s;
}

describe('samples codec', () => {
  it('round-trips every value bit for bit, NaN kept', () => {
    for (const samples of [makeSamples(3600), watchLikeSamples(3600)]) {
      expectIdentical(decodeSamples(encodeSamples(samples)), samples);
    }
  });

  it('keeps values no scale reproduces (filtered, interpolated, -0, infinities) exactly', () => {
    const s = watchLikeSamples(500);
    s.speed[10] = 3.14159265358979;
    s.speed[11] = -0;
    s.altitude[20] = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 500; i++) s.power[i] = Math.sqrt(i + 0.5) * 17.123;
    s.temperature[5] = 2 ** 60;
    expectIdentical(decodeSamples(encodeSamples(s)), s);
  });

  it('is compact: a watch-like hour takes under 4 bytes a sample, and missing channels almost nothing', () => {
    const encoded = encodeSamples(watchLikeSamples(3600));
    expect(encoded.byteLength).toBeLessThan(3600 * 4);
    const empty = makeSamples(3600);
    for (const name of channelNames) empty[name].fill(Number.NaN);
    expect(encodeSamples(empty).byteLength).toBeLessThan(400);
  });

  it('handles zero samples', () => {
    const back = decodeSamples(encodeSamples(makeSamples(0)));
    expect(back.length).toBe(0);
    expect(back.time.length).toBe(0);
  });

  it('reads rows written in format 1: its Float64 channels exact, the rest at Float32 precision', () => {
    const samples = makeSamples(600);
    const back = decodeSamples(encodeSamplesFormat1(samples), 1);
    for (const name of channelNames) {
      const exact = ['time', 'distance', 'lat', 'lon'].includes(name);
      for (let i = 0; i < 600; i++) {
        const want = exact ? samples[name][i] : Math.fround(samples[name][i] ?? Number.NaN);
        expect(Object.is(back[name][i], want) || Number.isNaN(want)).toBe(true);
      }
    }
  });

  it('refuses an unknown format version and damaged bytes with SAMPLES_CORRUPT', () => {
    const encoded = encodeSamples(makeSamples(10));
    expect(SAMPLES_FORMAT_VERSION).toBe(2);
    expect(() => decodeSamples(encoded, 3)).toThrow(SamplesCodecError);
    expect(() => decodeSamples(encoded.subarray(0, encoded.length - 3))).toThrow(SamplesCodecError);
    expect(() => decodeSamples(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x7f, 1]))).toThrow(
      SamplesCodecError,
    );
    try {
      decodeSamples(Uint8Array.from([1, 2, 3]), 1);
      expect.unreachable();
    } catch (error) {
      expect((error as SamplesCodecError).code).toBe('SAMPLES_CORRUPT');
    }
  });
});
