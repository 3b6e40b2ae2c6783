/**
 * Time-weighted statistics over a set of sample indices. Samples are weighted by the time they
 * stand for, so 1-s and smart-recording files give the same answers for the same run.
 * NaN values and zero weights are skipped everywhere.
 */

/** Weighted mean of `values` at `indices`; null when no weight remains. */
export function weightedMean(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
): number | null {
  let sum = 0;
  let total = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const v = values[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

// Scratch buffers for weighted medians, grown as needed and reused: no allocation per sample.
let scratchValues = new Float64Array(4096);
let scratchWeights = new Float64Array(4096);

/** Weights that are multiples of 1/1024 add up exactly in any order while their total stays below this. */
const EXACT_TOTAL = 2 ** 40;

/** How a pair's value is read from sample i: `a[i]`, |a[i] − b[i]|, or |a[i] − m|. */
const PLAIN = 0;
const DIFFERENCE = 1;
const AROUND = 2;

/**
 * The weighted median (see `weightedMedian`) of the values read from the samples at `indices` as
 * `mode` says, skipping NaN values and weights that are not positive. The pairs are collected in
 * the scratch buffers, counted in local variables.
 */
function medianOfPairs(
  mode: typeof PLAIN | typeof DIFFERENCE | typeof AROUND,
  a: ArrayLike<number>,
  b: ArrayLike<number> | null,
  m: number,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
): number | null {
  if (indices.length > scratchValues.length) {
    const size = Math.max(indices.length, 2 * scratchValues.length);
    scratchValues = new Float64Array(size);
    scratchWeights = new Float64Array(size);
  }
  const vs = scratchValues;
  const ws = scratchWeights;
  let n = 0;
  let total = 0;
  let exact = true;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const x = a[i] ?? NaN;
    const v = mode === PLAIN ? x : Math.abs(x - (mode === DIFFERENCE ? (b?.[i] ?? NaN) : m));
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    vs[n] = v;
    ws[n] = w;
    n++;
    total += w;
    if (exact && !Number.isInteger(w * 1024)) exact = false;
  }
  if (total === 0) return null;
  return exact && total < EXACT_TOTAL ? medianBySelection(vs, ws, n, total) : medianBySort(vs, ws, n, total);
}

/**
 * Weighted median (the value at which half of the weight lies below); null when no weight remains.
 * When the cumulative weight reaches exactly half at a value, the result is the mean of that value
 * and the next larger one, as the ordinary median does.
 *
 * Found by selection (a weighted quickselect, linear on average) when the weights add up exactly
 * in any order (multiples of 1/1024, as sample durations are); otherwise by sorting, so that the
 * cumulative sums, and the result, are those of walking the sorted values.
 */
export function weightedMedian(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
): number | null {
  return medianOfPairs(PLAIN, values, null, 0, weights, indices);
}

/**
 * Whether `weightedMedian(values, weights, indices)` is above `x` (false when no weight remains).
 * When the weights add up exactly (see `weightedMedian`) the weight at or below `x` against half
 * the total decides it without finding the median: more than half means the median is at most
 * `x`, less than half that it is above; only exactly half needs the median itself.
 */
export function weightedMedianAbove(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
  x: number,
): boolean {
  let total = 0;
  let atMost = 0;
  let exact = true;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const v = values[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    total += w;
    if (v <= x) atMost += w;
    if (exact && !Number.isInteger(w * 1024)) exact = false;
  }
  if (total === 0) return false;
  if (exact && total < EXACT_TOTAL && atMost !== total / 2) return atMost < total / 2;
  const median = weightedMedian(values, weights, indices);
  return median !== null && median > x;
}

/** `weightedMedian` of |a[i] − b[i]| at `indices`, without an array of the differences. */
export function weightedMedianOfDifferences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
): number | null {
  return medianOfPairs(DIFFERENCE, a, b, 0, weights, indices);
}

function medianBySort(vs: Float64Array, ws: Float64Array, n: number, total: number): number | null {
  const order = Array.from({ length: n }, (_, k) => k);
  // Stable: equal values keep their order, so the cumulative sums are those of the simple walk.
  order.sort((a, b) => (vs[a] ?? 0) - (vs[b] ?? 0));
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const v = vs[order[k] ?? 0] ?? NaN;
    acc += ws[order[k] ?? 0] ?? 0;
    if (acc > total / 2) return v;
    if (acc === total / 2) return (v + (k + 1 < n ? (vs[order[k + 1] ?? 0] ?? v) : v)) / 2;
  }
  return n > 0 ? (vs[order[n - 1] ?? 0] ?? null) : null;
}

/**
 * The smallest value whose cumulative weight reaches half the total, by three-way partitioning
 * around a pivot and keeping the part that holds it. Exact because the weights add up exactly.
 */
function medianBySelection(vs: Float64Array, ws: Float64Array, n: number, total: number): number {
  const half = total / 2;
  let lo = 0;
  let hi = n - 1;
  let below = 0; // weight of the values known to lie below [lo, hi]
  let above = Infinity; // the smallest value known to lie above [lo, hi]
  for (;;) {
    const a = vs[lo] ?? 0;
    const b = vs[(lo + hi) >> 1] ?? 0;
    const c = vs[hi] ?? 0;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Dutch flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    let wLess = 0;
    let wEqual = 0;
    while (i <= gt) {
      const v = vs[i] ?? 0;
      const w = ws[i] ?? 0;
      if (v < pivot) {
        wLess += w;
        vs[i] = vs[lt] ?? 0;
        ws[i] = ws[lt] ?? 0;
        vs[lt] = v;
        ws[lt] = w;
        lt++;
        i++;
      } else if (v > pivot) {
        vs[i] = vs[gt] ?? 0;
        ws[i] = ws[gt] ?? 0;
        vs[gt] = v;
        ws[gt] = w;
        gt--;
      } else {
        wEqual += w;
        i++;
      }
    }
    if (below + wLess >= half) {
      hi = lt - 1;
      above = pivot;
      continue;
    }
    const reached = below + wLess + wEqual;
    if (reached > half) return pivot;
    if (reached === half) {
      let next = above;
      for (let k = gt + 1; k <= hi; k++) next = Math.min(next, vs[k] ?? Infinity);
      return next === Infinity ? pivot : (pivot + next) / 2;
    }
    below = reached;
    lo = gt + 1;
  }
}

/**
 * Robust standard deviation (1.4826 × weighted median absolute deviation) around `median`, the
 * weighted median of the same values (which the caller has already found); null when empty.
 */
export function robustSd(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
  median: number,
): number | null {
  const mad = medianOfPairs(AROUND, values, null, median, weights, indices);
  return mad === null ? null : 1.4826 * mad;
}

/**
 * Slope of the weighted least-squares line y = a + b·x over the samples at `indices`; null when
 * x does not vary. The caller passes the sums of a first pass over the samples with x, y and a
 * positive weight (the total weight `sw` and the weighted sums `sx` of x and `sy` of y), from a
 * pass it makes anyway; this makes the second, around their means.
 */
export function slopeFromSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: ArrayLike<number>,
  sw: number,
  sx: number,
  sy: number,
): number | null {
  if (sw === 0) return null;
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  // The same samples again, in the same order.
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(xi) || !Number.isFinite(yi) || !(w > 0)) continue;
    const dx = xi - mx;
    sxx += w * dx * dx;
    sxy += w * dx * (yi - my);
  }
  return sxx / sw > 1e-9 ? sxy / sxx : null;
}
