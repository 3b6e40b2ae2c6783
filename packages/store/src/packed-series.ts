import { ByteStreamError, type ByteReader, type ByteWriter } from './byte-stream.ts';
import { ReusedBuffer } from './reused-buffer.ts';

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

function widthOf(max: number): number {
  return max > 0xffffff ? VARINTS : max === 0 ? 0 : 32 - Math.clz32(max);
}

/** The bit width of a block whose residuals lie in [min, max]: its largest zigzag value's width. */
function blockWidth(min: number, max: number): number {
  return widthOf(Math.max(max * 2, -min * 2 - 1));
}

/** Series whose values all lie in [-SMALL, SMALL) are coded in 32-bit integers with order 0 possible. */
const SMALL = 2 ** 28;
/** Values at least this far from 0 always take a varint as themselves (order 0). */
const FAR = 2 ** 24;
/** The values of a series relative to its first. */
const relative = new ReusedBuffer((length) => new Int32Array(length));

/**
 * Append `values` (integers) to `out`; the reader must be told how many there are. The residual
 * of order 0, 1, 2 is `v - c1 * p1 + c2 * p2` with (c1, c2) = (0, 0), (1, 0), (2, 1). A series
 * whose values span less than 2^28 (nearly all: FIT fields, quantised samples, also timestamps
 * and positions far from 0) is coded in 32-bit integers relative to its first value, where a
 * block's width is the width of the OR of its zigzagged residuals; others (invalid-value markers
 * among small values, samples up to 2^50) in doubles with each residual's range. Either way the
 * bytes are the same.
 */
export function writeSeries(out: ByteWriter, values: Float64Array): void {
  const n = values.length;
  if (n === 0) return;
  const ints = relative.get(n);
  const first = values[0] as number;
  let lo = first;
  let hi = first;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    ints[i] = v - first; // wraps when the span is too wide, and is then not used
  }
  out.zigzag(first);
  if (lo >= -SMALL && hi < SMALL) writeInts(out, ints, n, first, true);
  else if (hi - lo < SMALL && (lo >= FAR || hi < -FAR)) writeInts(out, ints, n, first, false);
  else writeDoubles(out, values);
}

/**
 * Append a series of integers in [-2^28, 2^28) (FIT fields of one or two bytes) to `out`: the same
 * bytes as `writeSeries` with the same values as doubles.
 */
export function writeSmallSeries(out: ByteWriter, values: Int32Array, n: number): void {
  if (n === 0) return;
  out.zigzag(values[0] as number);
  writeInts(out, values, n, 0, true);
}

/**
 * The blocks of a series whose value `i` is `base + ints[i]`, after its first value; with
 * `absolute`, order 0 is among the choices (its residual is `ints[i] + base`, which fits in 32
 * bits), without it order 0 would take a varint a value (they are all 2^24 or more from 0).
 */
function writeInts(out: ByteWriter, ints: Int32Array, n: number, base: number, absolute: boolean): void {
  // The base in 32 bits, so that the hot loops stay in integer operations: exact when `absolute`,
  // and only used then (a far base is added exactly in the varint loop).
  const b = base | 0;
  let p1 = ints[0] as number;
  let p2 = p1;
  for (let start = 1; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let a1 = p1;
    let a2 = p2;
    for (let i = start; i < end; i++) {
      const v = ints[i] as number;
      const v0 = (v + b) | 0;
      const d1 = v - a1;
      const d2 = d1 - a1 + a2;
      z0 |= (v0 << 1) ^ (v0 >> 31);
      z1 |= (d1 << 1) ^ (d1 >> 31);
      z2 |= (d2 << 1) ^ (d2 >> 31);
      a2 = a1;
      a1 = v;
    }
    const w0 = absolute ? widthOf(z0) : VARINTS;
    const w1 = widthOf(z1);
    const w2 = widthOf(z2);
    const order = w2 < w1 && w2 < w0 ? 2 : w1 < w0 ? 1 : 0;
    const width = order === 2 ? w2 : order === 1 ? w1 : w0;
    out.byte((order << 6) | width);
    if (width === 0) {
      p2 = a2;
      p1 = a1;
      continue;
    }
    const c1 = order;
    const c2 = order === 2 ? 1 : 0;
    if (width === VARINTS) {
      const c0 = order === 0 ? base : 0;
      for (let i = start; i < end; i++) {
        const v = ints[i] as number;
        out.zigzag(v + c0 - c1 * p1 + c2 * p2);
        p2 = p1;
        p1 = v;
      }
      continue;
    }
    // LSB first, a 32-bit word at a time: a full block of 32 values is `width` whole words.
    const c0 = order === 0 ? b : 0;
    const buffer = out.reserve(Math.ceil(((end - start) * width) / 8) + 3);
    let at = out.length;
    let word = 0;
    let used = 0;
    for (let i = start; i < end; i++) {
      const v = ints[i] as number;
      const d = (v + c0 - c1 * p1 + c2 * p2) | 0;
      const z = (d << 1) ^ (d >> 31);
      word |= z << used;
      used += width;
      if (used >= 32) {
        buffer[at] = word;
        buffer[at + 1] = word >>> 8;
        buffer[at + 2] = word >>> 16;
        buffer[at + 3] = word >>> 24;
        at += 4;
        used -= 32;
        word = z >>> (width - used);
      }
      p2 = p1;
      p1 = v;
    }
    for (; used > 0; used -= 8) {
      buffer[at++] = word;
      word >>>= 8;
    }
    out.length = at;
  }
}

/**
 * The blocks of any series of safe integers (|v| < 2^50) after its first value, in doubles:
 * widths come from each residual's range (`Math.min`/`Math.max`), so the loops have no
 * data-dependent branch (the sign of a noisy residual is not predictable).
 */
function writeDoubles(out: ByteWriter, values: Float64Array): void {
  const n = values.length;
  let p1 = values[0] as number;
  let p2 = p1;
  for (let start = 1; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let lo0 = 0;
    let hi0 = 0;
    let lo1 = 0;
    let hi1 = 0;
    let lo2 = 0;
    let hi2 = 0;
    let a1 = p1;
    let a2 = p2;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      const d1 = v - a1;
      const d2 = d1 - a1 + a2;
      lo0 = Math.min(lo0, v);
      hi0 = Math.max(hi0, v);
      lo1 = Math.min(lo1, d1);
      hi1 = Math.max(hi1, d1);
      lo2 = Math.min(lo2, d2);
      hi2 = Math.max(hi2, d2);
      a2 = a1;
      a1 = v;
    }
    const w0 = blockWidth(lo0, hi0);
    const w1 = blockWidth(lo1, hi1);
    const w2 = blockWidth(lo2, hi2);
    const order = w2 < w1 && w2 < w0 ? 2 : w1 < w0 ? 1 : 0;
    const width = order === 2 ? w2 : order === 1 ? w1 : w0;
    out.byte((order << 6) | width);
    const c1 = order;
    const c2 = order === 2 ? 1 : 0;
    if (width === VARINTS) {
      for (let i = start; i < end; i++) {
        const v = values[i] as number;
        out.zigzag(v - c1 * p1 + c2 * p2);
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
    // Three bytes of slack: each value stores the accumulator's four bytes and moves past the
    // whole ones (at most three, as 7 + 24 bits fit in 31), with no loop and no branch.
    const buffer = out.reserve(Math.ceil(((end - start) * width) / 8) + 3);
    let at = out.length;
    let acc = 0;
    let bits = 0;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      // |residual| < 2^24 here, so 32-bit integer zigzag is exact.
      const d = (v - c1 * p1 + c2 * p2) | 0;
      acc |= ((d << 1) ^ (d >> 31)) << bits;
      bits += width;
      buffer[at] = acc;
      buffer[at + 1] = acc >>> 8;
      buffer[at + 2] = acc >>> 16;
      buffer[at + 3] = acc >>> 24;
      at += bits >>> 3;
      acc >>>= bits & 24;
      bits &= 7;
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
    const c1 = order;
    const c2 = order === 2 ? 1 : 0;
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
      const v = ((z >>> 1) ^ -(z & 1)) + c1 * p1 - c2 * p2;
      into[i] = v;
      p2 = p1;
      p1 = v;
    }
  }
  return into;
}
