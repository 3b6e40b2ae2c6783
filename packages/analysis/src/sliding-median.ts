/**
 * The median of a window that slides forward over an array: the window's values are kept sorted
 * in one typed buffer; moving the window removes the values that left it and inserts those that
 * entered (binary search and one block move each), so a whole pass costs O(n·w) moves of a few
 * bytes instead of a sort per window, and allocates nothing per sample.
 */
export class SlidingMedian {
  private readonly sorted: Float64Array;
  private size = 0;
  /** The index range of `values` currently in the window, [from, to]; empty when to < from. */
  private from = 0;
  private to = -1;

  /**
   * `values` are the array the window slides over; `keep(v)` says whether a value counts (NaN and
   * other missing values do not).
   */
  constructor(
    private readonly values: ArrayLike<number>,
    private readonly keep: (v: number) => boolean,
  ) {
    this.sorted = new Float64Array(values.length);
  }

  /** Moves the window to indices [lo, hi]; both must never move backwards. */
  moveTo(lo: number, hi: number): void {
    if (lo > this.to) {
      this.size = 0;
      this.from = lo;
      this.to = lo - 1;
    }
    for (let j = this.from; j < lo; j++) this.remove(this.values[j] ?? NaN);
    this.from = lo;
    for (let j = this.to + 1; j <= hi; j++) this.insert(this.values[j] ?? NaN);
    if (hi > this.to) this.to = hi;
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

  private insert(v: number): void {
    if (!this.keep(v)) return;
    // First position whose value is greater than v.
    let a = 0;
    let b = this.size;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.sorted[mid] ?? 0) <= v) a = mid + 1;
      else b = mid;
    }
    // Windows hold tens of values: a plain loop moves them faster than a copyWithin call.
    const sorted = this.sorted;
    for (let j = this.size; j > a; j--) sorted[j] = sorted[j - 1] as number;
    sorted[a] = v;
    this.size++;
  }

  private remove(v: number): void {
    if (!this.keep(v)) return;
    // First position whose value is not less than v: v itself, as v is in the window.
    let a = 0;
    let b = this.size;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.sorted[mid] ?? 0) < v) a = mid + 1;
      else b = mid;
    }
    const sorted = this.sorted;
    const last = this.size - 1;
    for (let j = a; j < last; j++) sorted[j] = sorted[j + 1] as number;
    this.size--;
  }
}
