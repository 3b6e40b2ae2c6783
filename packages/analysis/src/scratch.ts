/**
 * Working arrays reused from one analysis to the next. Allocating a typed array as long as a file
 * costs about as much as a pass over it (the memory is zeroed and mapped), so arrays that do not
 * leave a function come from here. Each use has its own slot; the contents are whatever the last
 * use left, so a caller writes before it reads. Arrays longer than `KEEP_MAX` are not kept: a
 * file of days of records gets arrays of its own, and memory stays flat.
 */
const KEEP_MAX = 1 << 18;

const float64 = new Map<string, Float64Array>();
const int32 = new Map<string, Int32Array>();

/** A Float64Array of length `n` for `slot`, with unspecified contents. */
export function scratchFloat64(slot: string, n: number): Float64Array {
  if (n > KEEP_MAX) return new Float64Array(n);
  let kept = float64.get(slot);
  if (kept === undefined || kept.length < n) {
    kept = new Float64Array(Math.max(n, 4096));
    float64.set(slot, kept);
  }
  return kept.subarray(0, n);
}

/** An Int32Array of length `n` for `slot`, with unspecified contents. */
export function scratchInt32(slot: string, n: number): Int32Array {
  if (n > KEEP_MAX) return new Int32Array(n);
  let kept = int32.get(slot);
  if (kept === undefined || kept.length < n) {
    kept = new Int32Array(Math.max(n, 4096));
    int32.set(slot, kept);
  }
  return kept.subarray(0, n);
}
