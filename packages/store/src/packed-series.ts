import { ByteStreamError, type ByteReader, type ByteWriter } from './byte-stream.ts';

/**
 * A series of integers (safe, |v| < 2^50) written compactly: the first value as a zigzag varint,
 * then blocks of `BLOCK` values. Each block picks the residual that is smallest there — the value
 * itself (noise around a level: balance, temperature), its step from the one before (heart rate,
 * altitude), or the change of that step (time, distance, positions: smooth curves) — and
 * bit-packs the zigzag-mapped residuals at the width of the block's largest. A block of constant
 * time steps takes one header byte; heart-rate steps of -1, 0, +1 take 2 bits a value. A block
 * with a residual wider than 24 bits (a jump, a glitch, an invalid-value marker) is varints.
 *
 * Block header byte: residual order in the top two bits, width (0–24, or 63 for varints) below.
 * Packing is LSB first; widths of at most 24 bits keep the hot loops in 32-bit integer operations.
 */
const BLOCK = 32;
const MAX_WIDTH = 24;
const VARINTS = 63;

function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

function widthOf(max: number): number {
  return max > 0xffffff ? VARINTS : max === 0 ? 0 : 32 - Math.clz32(max);
}

/** Append `values` to `out`; the reader must be told how many there are. */
export function writeSeries(out: ByteWriter, values: Float64Array): void {
  const n = values.length;
  if (n === 0) return;
  out.zigzag(values[0] as number);
  let p1 = values[0] as number;
  let p2 = p1;
  for (let start = 1; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let a1 = p1;
    let a2 = p2;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      const z0 = zigzag(v);
      const z1 = zigzag(v - a1);
      const z2 = zigzag(v - 2 * a1 + a2);
      if (z0 > m0) m0 = z0;
      if (z1 > m1) m1 = z1;
      if (z2 > m2) m2 = z2;
      a2 = a1;
      a1 = v;
    }
    const w0 = widthOf(m0);
    const w1 = widthOf(m1);
    const w2 = widthOf(m2);
    const order = w2 < w1 && w2 < w0 ? 2 : w1 < w0 ? 1 : 0;
    const width = order === 2 ? w2 : order === 1 ? w1 : w0;
    out.byte((order << 6) | width);
    if (width === VARINTS) {
      for (let i = start; i < end; i++) {
        const v = values[i] as number;
        out.zigzag(order === 0 ? v : order === 1 ? v - p1 : v - 2 * p1 + p2);
        p2 = p1;
        p1 = v;
      }
      continue;
    }
    if (width === 0) {
      p2 = a2;
      p1 = a1;
      continue;
    }
    const buffer = out.reserve(Math.ceil(((end - start) * width) / 8));
    let at = out.length;
    let acc = 0;
    let bits = 0;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      acc |= zigzag(order === 0 ? v : order === 1 ? v - p1 : v - 2 * p1 + p2) << bits;
      bits += width;
      while (bits >= 8) {
        buffer[at++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
      p2 = p1;
      p1 = v;
    }
    if (bits > 0) buffer[at++] = acc & 0xff;
    out.length = at;
  }
}

/** Read `into.length` values written by `writeSeries` into `into`. */
export function readSeries(input: ByteReader, into: Float64Array): Float64Array {
  const n = into.length;
  if (n === 0) return into;
  into[0] = input.zigzag();
  let p1 = into[0];
  let p2 = p1;
  for (let start = 1; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const header = input.byte();
    const order = header >> 6;
    const width = header & 0x3f;
    if (order > 2) throw new ByteStreamError(`unknown residual order ${order}`);
    if (width === VARINTS) {
      for (let i = start; i < end; i++) {
        const e = input.zigzag();
        const v = order === 0 ? e : order === 1 ? e + p1 : e + 2 * p1 - p2;
        into[i] = v;
        p2 = p1;
        p1 = v;
      }
      continue;
    }
    if (width > MAX_WIDTH) throw new ByteStreamError(`a block is ${width} bits wide`);
    const bytes = input.take(Math.ceil(((end - start) * width) / 8));
    const mask = width === 0 ? 0 : (1 << width) - 1;
    let at = 0;
    let acc = 0;
    let bits = 0;
    for (let i = start; i < end; i++) {
      while (bits < width) {
        acc |= (bytes[at++] as number) << bits;
        bits += 8;
      }
      const z = acc & mask;
      acc >>>= width;
      bits -= width;
      const e = (z & 1) === 0 ? z >>> 1 : -((z + 1) >>> 1);
      const v = order === 0 ? e : order === 1 ? e + p1 : e + 2 * p1 - p2;
      into[i] = v;
      p2 = p1;
      p1 = v;
    }
  }
  return into;
}
