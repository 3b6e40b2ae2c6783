/** Small statistics used by weekly trends: plain and weighted medians, weighted means. */

/** Median of the values; null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/**
 * Weighted median: the value at which half of the total weight lies on each side. When the
 * cumulative weight lands exactly on half, the two neighbouring values are averaged (so equal
 * weights give the ordinary median). Items with zero or negative weight are ignored.
 */
export function weightedMedian(items: ReadonlyArray<{ value: number; weight: number }>): number | null {
  const used = items.filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  const total = used.reduce((s, i) => s + i.weight, 0);
  if (total <= 0) return null;
  let cumulative = 0;
  for (let k = 0; k < used.length; k++) {
    const item = used[k];
    if (item === undefined) break;
    cumulative += item.weight;
    if (cumulative > total / 2) return item.value;
    if (cumulative === total / 2) return (item.value + (used[k + 1]?.value ?? item.value)) / 2;
  }
  return used[used.length - 1]?.value ?? null;
}

/** Weighted mean; null when the total weight is zero. */
export function weightedMean(items: ReadonlyArray<{ value: number; weight: number }>): number | null {
  let total = 0;
  let sum = 0;
  for (const i of items) {
    if (!(i.weight > 0)) continue;
    total += i.weight;
    sum += i.value * i.weight;
  }
  return total > 0 ? sum / total : null;
}
