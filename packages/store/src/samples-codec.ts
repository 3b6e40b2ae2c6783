import { channelNames, type Samples } from '@runcue/fit';
import { ByteReader, ByteWriter } from './byte-stream.ts';
import { decodeChannel, encodeChannel } from './channel-codec.ts';
import { decodeSamplesFormat1 } from './samples-format-1.ts';
import { StoreError } from './store-error.ts';

/**
 * The stored form of an activity's columnar samples (one `samples` row per activity), versioned
 * by the row's `format_version` so rows written by older versions keep reading.
 *
 * Format 2 (written now): deflated `varint sampleCount`, `varint channelCount`, then per channel
 * its name and the bytes of `channel-codec.ts`. Every value decodes to the very same double it
 * was (NaN stays NaN). Naming the channels lets a later version add one and still read this.
 * Format 1 (read only): see `samples-format-1.ts`.
 */
export const SAMPLES_FORMAT_VERSION = 2;

/** More samples than any activity can hold (48 h at 100 Hz); a count above it means damage. */
const MAX_SAMPLES = 48 * 3600 * 100;

/** Stored samples that cannot be read back (an unknown format version, or damage). */
export class SamplesCodecError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SAMPLES_CORRUPT', message, options);
  }
}

/** Encode samples into format `SAMPLES_FORMAT_VERSION`. */
export function encodeSamples(samples: Samples): Uint8Array {
  const out = new ByteWriter(samples.length * channelNames.length * 2 + 64);
  out.varint(samples.length);
  out.varint(channelNames.length);
  for (const name of channelNames) {
    out.string(name);
    encodeChannel(out, samples[name]);
  }
  return out.written().slice();
}

/** Samples in their stored form, as a `samples` row holds them. */
export interface EncodedSamples {
  readonly formatVersion: number;
  readonly sampleCount: number;
  readonly bytes: Uint8Array;
}

/** `encodeSamples` with the row's other columns. */
export function encodeSamplesRow(samples: Samples): EncodedSamples {
  return {
    formatVersion: SAMPLES_FORMAT_VERSION,
    sampleCount: samples.length,
    bytes: encodeSamples(samples),
  };
}

/** Decode bytes written in `formatVersion`; throws `SamplesCodecError` on an unknown version or damage. */
export function decodeSamples(bytes: Uint8Array, formatVersion: number = SAMPLES_FORMAT_VERSION): Samples {
  if (formatVersion !== 1 && formatVersion !== 2) {
    throw new SamplesCodecError(
      `Stored samples use format ${formatVersion}; this version reads formats 1 and 2.`,
    );
  }
  let decoded: { length: number; channels: Map<string, Float64Array> };
  try {
    decoded = formatVersion === 1 ? decodeSamplesFormat1(bytes) : decodeFormat2(bytes);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new SamplesCodecError(`Stored samples (format ${formatVersion}) are damaged: ${detail}.`, {
      cause,
    });
  }
  const { length, channels } = decoded;
  const missing = (): Float64Array => new Float64Array(length).fill(Number.NaN);
  return {
    length,
    ...Object.fromEntries(channelNames.map((name) => [name, channels.get(name) ?? missing()])),
  } as Samples;
}

function decodeFormat2(bytes: Uint8Array): { length: number; channels: Map<string, Float64Array> } {
  const input = new ByteReader(bytes);
  const length = input.varint();
  if (length > MAX_SAMPLES) throw new Error(`it claims ${length} samples`);
  const count = input.varint();
  const channels = new Map<string, Float64Array>();
  for (let c = 0; c < count; c++) {
    const name = input.string();
    channels.set(name, decodeChannel(input, length));
  }
  if (input.remaining !== 0) throw new Error('trailing bytes');
  return { length, channels };
}
