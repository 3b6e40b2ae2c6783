import { scratchFloat64, scratchUint8 } from './scratch.ts';

/**
 * For each of the samples at `indices` (in time order), whether the centred rolling median of
 * `values` over `windowS` seconds of `time`, taken over those samples only (values that are not
 * finite do not count), lies below `threshold`; 0 also where its window holds no value.
 *
 * Only the side of the threshold matters, so the window is not kept sorted: it counts its values
 * and those below the threshold, which decides an odd window and most even ones; an even window
 * split exactly in half takes the mean of the largest value below and the smallest at or above,
 * as the median of two middle values does. Linear in the samples when windows are rarely split so.
 * The flags are scratch (`scratch.ts`): they hold until the next call.
 */
export function rollingMedianBelow(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  indices: ArrayLike<number>,
  windowS: number,
  threshold: number,
): Uint8Array {
  const n = indices.length;
  const below = scratchUint8('rolling-median-below-flags', n).fill(0);
  const picked = scratchFloat64('rolling-median-below', n);
  for (let k = 0; k < n; k++) {
    const v = values[indices[k] ?? 0] ?? NaN;
    picked[k] = Number.isFinite(v) ? v : NaN;
  }
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  // The counted window is [from, to]: `count` values, `under` of them below the threshold.
  let from = 0;
  let to = -1;
  let count = 0;
  let under = 0;
  for (let k = 0; k < n; k++) {
    const t = time[indices[k] ?? 0] ?? NaN;
    while (lo < k && (time[indices[lo] ?? 0] ?? -Infinity) < t - half) lo++;
    if (hi < k) hi = k;
    while (hi + 1 < n && (time[indices[hi + 1] ?? 0] ?? Infinity) <= t + half) hi++;
    for (; to < hi;) {
      const v = picked[++to] as number;
      if (v !== v) continue;
      count++;
      if (v < threshold) under++;
    }
    for (; from < lo; from++) {
      const v = picked[from] as number;
      if (v !== v) continue;
      count--;
      if (v < threshold) under--;
    }
    if (count === 0) continue;
    const m = count >> 1;
    let low: boolean;
    if (count % 2 === 1 || under !== m) low = under > m;
    else {
      // The two middle values straddle the threshold.
      let x = -Infinity;
      let y = Infinity;
      for (let j = lo; j <= hi; j++) {
        const v = picked[j] as number;
        if (v < threshold) {
          if (v > x) x = v;
        } else if (v < y) y = v;
      }
      low = (x + y) / 2 < threshold;
    }
    if (low) below[k] = 1;
  }
  return below;
}
