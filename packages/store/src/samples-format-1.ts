import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ChannelName, Samples } from '@runcue/fit';
import { ByteStreamError } from './byte-stream.ts';

/**
 * Samples format 1, written by runcue before format 2 and still read: deflated `u32 sampleCount`,
 * then per channel (in the order below) one tag byte — 0 = every value missing, 4 = Float32
 * values, 8 = Float64 values — followed by `sampleCount` little-endian values. `time`,
 * `distance`, `lat` and `lon` were kept as Float64, the rest as Float32.
 */
const FORMAT_1_CHANNELS: readonly ChannelName[] = [
  'time',
  'distance',
  'speed',
  'altitude',
  'lat',
  'lon',
  'heartRate',
  'cadence',
  'verticalOscillation',
  'stanceTime',
  'stanceTimeBalance',
  'stepLength',
  'verticalRatio',
  'power',
  'temperature',
];

const FLOAT64_CHANNELS: ReadonlySet<ChannelName> = new Set(['time', 'distance', 'lat', 'lon']);

/** Decode format 1 into the channels it held; the caller fills channels added since with NaN. */
export function decodeSamplesFormat1(bytes: Uint8Array): {
  length: number;
  channels: Map<string, Float64Array>;
} {
  const raw = inflateRawSync(bytes);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (raw.byteLength < 4) throw new ByteStreamError('shorter than its header');
  const n = view.getUint32(0, true);
  let offset = 4;
  const channels = new Map<string, Float64Array>();
  for (const name of FORMAT_1_CHANNELS) {
    if (offset >= raw.byteLength) throw new ByteStreamError(`ends before channel ${name}`);
    const width = view.getUint8(offset);
    offset += 1;
    const values = new Float64Array(n);
    if (width === 0) {
      values.fill(Number.NaN);
    } else if (width === 4 || width === 8) {
      if (offset + n * width > raw.byteLength) throw new ByteStreamError(`channel ${name} is cut short`);
      for (let i = 0; i < n; i++) {
        values[i] =
          width === 8 ? view.getFloat64(offset + i * 8, true) : view.getFloat32(offset + i * 4, true);
      }
      offset += n * width;
    } else {
      throw new ByteStreamError(`channel ${name} has unknown tag ${width}`);
    }
    channels.set(name, values);
  }
  if (offset !== raw.byteLength) throw new ByteStreamError('trailing bytes');
  return { length: n, channels };
}

/** Encode format 1 exactly as earlier versions did (kept so tests can write rows as they were written). */
export function encodeSamplesFormat1(samples: Samples): Uint8Array {
  const n = samples.length;
  const blocks: Uint8Array[] = [];
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, n, true);
  blocks.push(head);
  for (const name of FORMAT_1_CHANNELS) {
    const values = samples[name];
    if (values.every((v) => Number.isNaN(v))) {
      blocks.push(Uint8Array.of(0));
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
    blocks.push(block);
  }
  const total = blocks.reduce((sum, b) => sum + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of blocks) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return new Uint8Array(deflateRawSync(out, { level: 6 }));
}
