/**
 * Altitude cleaned for grade and climb figures: a centred moving average over time (barometric
 * and GPS altitude both jitter by a metre or more), and climb totals with hysteresis so that
 * jitter below a few metres adds nothing.
 */

/** Centred moving average of `altitude` over `windowS` seconds of `time`; NaN stays NaN where no neighbour has a value. */
export function smoothAltitude(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  windowS: number,
): Float64Array {
  const n = altitude.length;
  const out = new Float64Array(n).fill(NaN);
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? NaN;
    if (!Number.isFinite(t)) continue;
    while (hi < n && (time[hi] ?? Infinity) <= t + half) {
      const a = altitude[hi] ?? NaN;
      if (Number.isFinite(a)) {
        sum += a;
        count++;
      }
      hi++;
    }
    while (lo < hi && (time[lo] ?? -Infinity) < t - half) {
      const a = altitude[lo] ?? NaN;
      if (Number.isFinite(a)) {
        sum -= a;
        count--;
      }
      lo++;
    }
    if (count > 0) out[i] = sum / count;
  }
  return out;
}

/**
 * Total climb and descent of a (smoothed) altitude series at `indices`, counting a rise or fall
 * only once it exceeds `hysteresisM` from the last turning point, then counting it whole.
 * Returns null when fewer than two altitude values exist.
 */
export function elevationChange(
  altitude: ArrayLike<number>,
  indices: readonly number[],
  hysteresisM: number,
): { gainM: number; lossM: number } | null {
  const values = indices.map((i) => altitude[i] ?? NaN).filter((a) => Number.isFinite(a));
  const start = values[0];
  if (start === undefined || values.length < 2) return null;
  let gainM = 0;
  let lossM = 0;
  let base = start; // last confirmed turning point
  let extreme = start; // highest (rising) or lowest (falling) value since then
  let direction = 0;
  // Until the first direction is known, a climb may start from the lowest point so far (a dip
  // before a rise) and a descent from the highest, not only from the first value.
  let low = start;
  let high = start;
  for (const a of values) {
    if (direction === 0) {
      low = Math.min(low, a);
      high = Math.max(high, a);
      if (a - low >= hysteresisM) [direction, base] = [1, low];
      else if (high - a >= hysteresisM) [direction, base] = [-1, high];
      if (direction !== 0) extreme = a;
      continue;
    }
    if (direction === 1) {
      if (a > extreme) extreme = a;
      else if (extreme - a >= hysteresisM) {
        gainM += extreme - base;
        base = extreme;
        extreme = a;
        direction = -1;
      }
    } else if (a < extreme) extreme = a;
    else if (a - extreme >= hysteresisM) {
      lossM += base - extreme;
      base = extreme;
      extreme = a;
      direction = 1;
    }
  }
  if (direction === 1) gainM += extreme - base;
  if (direction === -1) lossM += base - extreme;
  return { gainM, lossM };
}
