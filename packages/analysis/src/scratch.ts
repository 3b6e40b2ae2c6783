/**
 * Working arrays reused from one analysis to the next. Allocating a typed array as long as a file
 * costs about as much as a pass over it (the memory is zeroed and mapped, and collected later), so
 * per-sample arrays that do not outlive the analysis come from here. Each use has its own slot;
 * the contents are whatever the last use left, so a caller writes before it reads, and an array is
 * valid only until its slot is taken again (the next analysis). Arrays longer than `KEEP_MAX` are
 * not kept: a file of days of records gets arrays of its own, and memory stays flat.
 */
const KEEP_MAX = 1 << 18;

type Typed = Float64Array | Int32Array | Uint8Array;

const float64 = new Map<string, Float64Array>();
const int32 = new Map<string, Int32Array>();
const uint8 = new Map<string, Uint8Array>();

function take<T extends Typed>(kept: Map<string, T>, make: (n: number) => T, slot: string, n: number): T {
  if (n > KEEP_MAX) return make(n);
  let array = kept.get(slot);
  if (array === undefined || array.length < n) {
    array = make(Math.max(n, 4096));
    kept.set(slot, array);
  }
  return array.subarray(0, n) as T;
}

/** A Float64Array of length `n` for `slot`, with unspecified contents. */
export function scratchFloat64(slot: string, n: number): Float64Array {
  return take(float64, (k) => new Float64Array(k), slot, n);
}

/** An Int32Array of length `n` for `slot`, with unspecified contents. */
export function scratchInt32(slot: string, n: number): Int32Array {
  return take(int32, (k) => new Int32Array(k), slot, n);
}

/** A Uint8Array of length `n` for `slot`, with unspecified contents. */
export function scratchUint8(slot: string, n: number): Uint8Array {
  return take(uint8, (k) => new Uint8Array(k), slot, n);
}
