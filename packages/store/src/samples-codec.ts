import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { channelNames, type ChannelName, type Samples } from '@runcue/fit';
import { StoreError } from './store-error.ts';

/**
 * The compact on-disk form of an activity's columnar samples (one `samples` row per activity).
 *
 * Format 1, before deflate: `u32 sampleCount`, then for each channel in `channelNames` order one
 * tag byte — 0 = every value missing (NaN, nothing stored), 4 = little-endian Float32 values,
 * 8 = little-endian Float64 values — followed by `sampleCount` values. `time`, `distance`, `lat`
 * and `lon` are kept as Float64 (exact); every other channel as Float32, so it round-trips to
 * `Math.fround(value)` (about 7 significant digits: far finer than any watch sensor). NaN stays NaN.
 */
export const SAMPLES_FORMAT_VERSION = 1;

const FLOAT64_CHANNELS: ReadonlySet<ChannelName> = new Set(['time', 'distance', 'lat', 'lon']);

/** Stored samples that cannot be read back (an unknown format version, or damage). */
export class SamplesCodecError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SAMPLES_CORRUPT', message, options);
  }
}

/** Encode samples into format `SAMPLES_FORMAT_VERSION` (deflated bytes). */
export function encodeSamples(samples: Samples): Uint8Array {
  const n = samples.length;
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, n, true);
  parts.push(head);
  for (const name of channelNames) {
    const values = samples[name];
    if (values.every((v) => Number.isNaN(v))) {
      parts.push(Uint8Array.of(0));
      continue;
    }
    const width = FLOAT64_CHANNELS.has(name) ? 8 : 4;
    const block = new Uint8Array(1 + n * width);
    block[0] = width;
    const view = new DataView(block.buffer);
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? Number.NaN;
      if (width === 8) view.setFloat64(1 + i * 8, v, true);
      else view.setFloat32(1 + i * 4, v, true);
    }
    parts.push(block);
  }
  return new Uint8Array(deflateRawSync(concat(parts), { level: 6 }));
}

/** Decode bytes written by `encodeSamples`; throws `SamplesCodecError` on an unknown version or damage. */
export function decodeSamples(bytes: Uint8Array, formatVersion: number = SAMPLES_FORMAT_VERSION): Samples {
  if (formatVersion !== SAMPLES_FORMAT_VERSION) {
    throw new SamplesCodecError(
      `Stored samples use format ${formatVersion}; this version reads format ${SAMPLES_FORMAT_VERSION}.`,
    );
  }
  let raw: Uint8Array;
  try {
    raw = inflateRawSync(bytes);
  } catch (cause) {
    throw new SamplesCodecError('Stored samples could not be decompressed.', { cause });
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (raw.byteLength < 4) throw new SamplesCodecError('Stored samples are shorter than their header.');
  const n = view.getUint32(0, true);
  let offset = 4;
  const out: Partial<Record<ChannelName, Float64Array>> = {};
  for (const name of channelNames) {
    if (offset >= raw.byteLength) throw new SamplesCodecError(`Stored samples end before channel ${name}.`);
    const width = view.getUint8(offset);
    offset += 1;
    const values = new Float64Array(n);
    if (width === 0) {
      values.fill(Number.NaN);
    } else if (width === 4 || width === 8) {
      if (offset + n * width > raw.byteLength)
        throw new SamplesCodecError(`Stored channel ${name} is cut short.`);
      for (let i = 0; i < n; i++) {
        values[i] =
          width === 8 ? view.getFloat64(offset + i * 8, true) : view.getFloat32(offset + i * 4, true);
      }
      offset += n * width;
    } else {
      throw new SamplesCodecError(`Stored channel ${name} has unknown tag ${width}.`);
    }
    out[name] = values;
  }
  if (offset !== raw.byteLength) throw new SamplesCodecError('Stored samples have trailing bytes.');
  return { length: n, ...out } as Samples;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
