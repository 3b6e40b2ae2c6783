import { scratchFloat64, scratchInt32 } from './scratch.ts';
import { SlidingMedian } from './sliding-median.ts';

/**
 * Altitude cleaned for grade and climb figures: a centred moving average over time (barometric
 * and GPS altitude both jitter by a metre or more), and climb totals with hysteresis so that
 * jitter below a few metres adds nothing.
 */

/** Centred moving average of `altitude` over `windowS` seconds of `time`; NaN stays NaN where no neighbour has a value. */
export function smoothAltitude(time: Float64Array, altitude: Float64Array, windowS: number): Float64Array {
  const n = altitude.length;
  const out = scratchFloat64('smooth-altitude', n).fill(NaN);
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    while (hi < n && (time[hi] as number) <= t + half) {
      const a = altitude[hi] as number;
      if (Number.isFinite(a)) {
        sum += a;
        count++;
      }
      hi++;
    }
    while (lo < hi && (time[lo] as number) < t - half) {
      const a = altitude[lo] as number;
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
 * Total climb and descent of a (smoothed) altitude series over indices `first..last`, counting a rise or fall
 * only once it exceeds `hysteresisM` from the last turning point, then counting it whole.
 * Returns null when fewer than two altitude values exist.
 */
export function elevationChange(
  altitude: Float64Array,
  first: number,
  last: number,
  hysteresisM: number,
): { gainM: number; lossM: number } | null {
  let i = first;
  while (i <= last && !Number.isFinite(altitude[i])) i++;
  const start = altitude[i] ?? NaN;
  let values = 0;
  let gainM = 0;
  let lossM = 0;
  let base = start; // last confirmed turning point
  let extreme = start; // highest (rising) or lowest (falling) value since then
  let direction = 0;
  // Until the first direction is known, a climb may start from the lowest point so far (a dip
  // before a rise) and a descent from the highest, not only from the first value.
  let low = start;
  let high = start;
  for (; i <= last; i++) {
    const a = altitude[i] as number;
    if (!Number.isFinite(a)) continue;
    values++;
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
  if (values < 2) return null;
  if (direction === 1) gainM += extreme - base;
  if (direction === -1) lossM += base - extreme;
  return { gainM, lossM };
}

/** Limits that tell a real altitude from a sensor's glitch. */
export interface AltitudeLimits {
  /** Lowest and highest altitude anyone runs at (m): beyond is a sensor fault. */
  readonly minAltitudeM: number;
  readonly maxAltitudeM: number;
  /** A value further than this from the median of its neighbours is a spike (m)... */
  readonly maxAltitudeSpikeM: number;
  /** ...the neighbours being the values within this window centred on it (s). */
  readonly altitudeSpikeWindowS: number;
  /** A record without altitude takes the last value seen no more than this before it (s). */
  readonly channelHoldS: number;
}

/**
 * Altitude with glitches removed: values outside [`minAltitudeM`, `maxAltitudeM`] and spikes
 * (a barometer's jump of tens of metres for a few seconds: further than `maxAltitudeSpikeM` from
 * the median of the values within `altitudeSpikeWindowS` around them, a Hampel filter) become
 * missing; then a record without altitude (Suunto and phone apps write position-only records
 * between full ones) takes the last value seen within `channelHoldS`. A steady climb is untouched:
 * each value of a monotone stretch is its own window's median.
 *
 * The median lies between the window's lowest and highest value, so a value that is within
 * `maxAltitudeSpikeM` of both is kept without it: the lowest and highest come from two monotone
 * queues (linear in all), and the sliding median is only moved to the windows where that test
 * fails (around a spike or on a steep slope). Same result as taking the median everywhere. The
 * result is scratch (`scratch.ts`): it holds until the next call.
 */
export function plausibleAltitude(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  limits: AltitudeLimits,
): Float64Array {
  const n = altitude.length;
  const inRange = scratchFloat64('altitude-in-range', n);
  const { minAltitudeM, maxAltitudeM } = limits;
  let values = 0;
  for (let i = 0; i < n; i++) {
    const a = altitude[i] as number;
    const kept = a >= minAltitudeM && a <= maxAltitudeM;
    inRange[i] = kept ? a : NaN;
    if (kept) values++;
  }
  const out = scratchFloat64('altitude', n).fill(NaN);
  // No altitude at all: nothing to keep and nothing to hold.
  if (values === 0) return out;
  const half = limits.altitudeSpikeWindowS / 2;
  const spikeM = limits.maxAltitudeSpikeM;
  let lo = 0;
  let hi = 0;
  // Indices of the window's values in two monotone queues: values rising from the head of
  // `lows` (its head is the window's lowest), falling from the head of `highs`.
  const lows = scratchInt32('altitude-lows', n);
  const highs = scratchInt32('altitude-highs', n);
  let lowHead = 0;
  let lowTail = 0;
  let highHead = 0;
  let highTail = 0;
  let queued = 0; // indices below this have been offered to the queues
  let window: SlidingMedian | null = null;
  for (let i = 0; i < n; i++) {
    const a = inRange[i] as number;
    const t = time[i] as number;
    if (a !== a || !Number.isFinite(t)) continue;
    while (lo < i && !((time[lo] as number) >= t - half)) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < n && (time[hi + 1] as number) <= t + half) hi++;
    for (; queued <= hi; queued++) {
      const v = inRange[queued] as number;
      if (v !== v) continue;
      while (lowTail > lowHead && (inRange[lows[lowTail - 1] as number] as number) >= v) lowTail--;
      lows[lowTail++] = queued;
      while (highTail > highHead && (inRange[highs[highTail - 1] as number] as number) <= v) highTail--;
      highs[highTail++] = queued;
    }
    while ((lows[lowHead] as number) < lo) lowHead++;
    while ((highs[highHead] as number) < lo) highHead++;
    const low = inRange[lows[lowHead] as number] as number;
    const high = inRange[highs[highHead] as number] as number;
    if (a - low <= spikeM && high - a <= spikeM) {
      out[i] = a;
      continue;
    }
    window ??= SlidingMedian.over(inRange);
    window.moveTo(lo, hi);
    if (Math.abs(a - window.median()) <= spikeM) out[i] = a;
  }
  return holdAltitude(time, altitude, out, limits.channelHoldS);
}

/**
 * The last step of `plausibleAltitude`: a record that had no altitude at all (not one dropped as
 * out of range or a spike) takes the last kept value seen within `holdS`. Fills `kept` in place.
 */
export function holdAltitude(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  kept: Float64Array,
  holdS: number,
): Float64Array {
  let lastT = -Infinity;
  let lastA = NaN;
  for (let i = 0; i < kept.length; i++) {
    const t = time[i] as number;
    const a = kept[i] as number;
    if (!Number.isNaN(a)) {
      lastT = t;
      lastA = a;
    } else if (Number.isNaN(altitude[i]) && t - lastT <= holdS) kept[i] = lastA;
  }
  return kept;
}
