import { scratchFloat64 } from './scratch.ts';

/**
 * The median of a window that slides forward over an array: the window's values are kept sorted
 * in one typed buffer; moving the window removes the values that left it and inserts those that
 * entered (binary search and one block move each, or, for a value leaving while another enters,
 * one move of the values between them), so a whole pass costs O(n·w) moves of a few bytes instead
 * of a sort per window, and allocates nothing per sample.
 */
export class SlidingMedian {
  private readonly sorted: Float64Array;
  /** The values, those that do not count replaced by NaN. */
  private readonly values: Float64Array;
  private size = 0;
  /** The index range of `values` currently in the window, [from, to]; empty when to < from. */
  private from = 0;
  private to = -1;

  /**
   * `values` are the array the window slides over; `keep(v)` says whether a value counts (NaN and
   * other missing values do not).
   */
  constructor(values: ArrayLike<number>, keep: (v: number) => boolean);
  constructor(values: Float64Array, keep: null, sorted: Float64Array);
  constructor(values: ArrayLike<number>, keep: ((v: number) => boolean) | null, sorted?: Float64Array) {
    const n = values.length;
    this.sorted = sorted ?? new Float64Array(n);
    if (keep === null && values instanceof Float64Array) {
      this.values = values;
      return;
    }
    this.values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? NaN;
      this.values[i] = keep === null || keep(v) ? v : NaN;
    }
  }

  /**
   * A window over `values` as they are, NaN not counting, without a copy: the values up to the
   * window's end must not change while it slides. Its sorted buffer is scratch shared by every
   * window made this way, so only one may be in use at a time.
   */
  static over(values: Float64Array): SlidingMedian {
    return new SlidingMedian(values, null, scratchFloat64('sliding-median', values.length));
  }

  /** Moves the window to indices [lo, hi]; both must never move backwards. */
  moveTo(lo: number, hi: number): void {
    const values = this.values;
    if (lo > this.to) {
      this.size = 0;
      this.from = lo;
      this.to = lo - 1;
    }
    while (this.from < lo && this.to < hi) {
      this.replace(values[this.from] as number, values[this.to + 1] as number);
      this.from++;
      this.to++;
    }
    for (; this.from < lo; this.from++) this.remove(values[this.from] as number);
    while (this.to < hi) {
      this.to++;
      this.insert(values[this.to] as number);
    }
  }

  get count(): number {
    return this.size;
  }

  /** The middle value, or the mean of the two middle values; NaN for an empty window. */
  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const m = n >> 1;
    return n % 2 === 1
      ? (this.sorted[m] ?? NaN)
      : ((this.sorted[m - 1] ?? NaN) + (this.sorted[m] ?? NaN)) / 2;
  }

  /** First position whose value is not less than v (v itself when v is in the window). */
  private positionOf(v: number): number {
    const sorted = this.sorted;
    let a = 0;
    let b = this.size;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((sorted[mid] as number) < v) a = mid + 1;
      else b = mid;
    }
    return a;
  }

  private insert(v: number): void {
    if (v !== v) return;
    const sorted = this.sorted;
    // First position whose value is greater than v.
    let a = 0;
    let b = this.size;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((sorted[mid] as number) <= v) a = mid + 1;
      else b = mid;
    }
    // Windows hold tens of values: a plain loop moves them faster than a copyWithin call.
    for (let j = this.size; j > a; j--) sorted[j] = sorted[j - 1] as number;
    sorted[a] = v;
    this.size++;
  }

  private remove(v: number): void {
    if (v !== v) return;
    const sorted = this.sorted;
    const last = this.size - 1;
    for (let j = this.positionOf(v); j < last; j++) sorted[j] = sorted[j + 1] as number;
    this.size--;
  }

  /** Removes `out` and inserts `v`, moving only the values that lie between them. */
  private replace(out: number, v: number): void {
    if (out !== out) return this.insert(v);
    if (v !== v) return this.remove(out);
    const sorted = this.sorted;
    const size = this.size;
    let j = this.positionOf(out);
    if (v >= out) {
      for (; j + 1 < size && (sorted[j + 1] as number) < v; j++) sorted[j] = sorted[j + 1] as number;
    } else {
      for (; j > 0 && (sorted[j - 1] as number) > v; j--) sorted[j] = sorted[j - 1] as number;
    }
    sorted[j] = v;
  }
}
