/**
 * Time-weighted statistics over a set of sample indices. Samples are weighted by the time they
 * stand for, so 1-s and smart-recording files give the same answers for the same run.
 * NaN values and zero weights are skipped everywhere.
 */

/** Weighted mean of `values` at `indices`; null when no weight remains. */
export function weightedMean(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: Iterable<number>,
): number | null {
  let sum = 0;
  let total = 0;
  for (const i of indices) {
    const v = values[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** Weighted median (the value at which half of the weight lies below); null when no weight remains. */
export function weightedMedian(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: Iterable<number>,
): number | null {
  const pairs: Array<[number, number]> = [];
  let total = 0;
  for (const i of indices) {
    const v = values[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(v) || !(w > 0)) continue;
    pairs.push([v, w]);
    total += w;
  }
  if (total === 0) return null;
  pairs.sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (let k = 0; k < pairs.length; k++) {
    const [v, w] = pairs[k] as [number, number];
    acc += w;
    if (acc > total / 2) return v;
    // Exactly half: average with the next value, as the ordinary median does.
    if (acc === total / 2) return (v + (pairs[k + 1]?.[0] ?? v)) / 2;
  }
  return pairs[pairs.length - 1]?.[0] ?? null;
}

/** Robust standard deviation (1.4826 × weighted median absolute deviation); null when empty. */
export function robustSd(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: readonly number[],
): number | null {
  const median = weightedMedian(values, weights, indices);
  if (median === null) return null;
  const deviations = new Float64Array(values.length).fill(NaN);
  for (const i of indices) deviations[i] = Math.abs((values[i] ?? NaN) - median);
  const mad = weightedMedian(deviations, weights, indices);
  return mad === null ? null : 1.4826 * mad;
}

/** Slope of the weighted least-squares line y = a + b·x; null when x does not vary. */
export function weightedSlope(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
  indices: Iterable<number>,
): number | null {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  const used: number[] = [];
  for (const i of indices) {
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    const w = weights[i] ?? 0;
    if (!Number.isFinite(xi) || !Number.isFinite(yi) || !(w > 0)) continue;
    sw += w;
    sx += w * xi;
    sy += w * yi;
    used.push(i);
  }
  if (sw === 0) return null;
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const i of used) {
    const w = weights[i] ?? 0;
    const dx = (x[i] ?? 0) - mx;
    sxx += w * dx * dx;
    sxy += w * dx * ((y[i] ?? 0) - my);
  }
  return sxx / sw > 1e-9 ? sxy / sxx : null;
}
