import { scratchFloat64 } from './scratch.ts';
import { SlidingMedian } from './sliding-median.ts';

/**
 * Altitude cleaned for grade and climb figures: a centred moving average over time (barometric
 * and GPS altitude both jitter by a metre or more), and climb totals with hysteresis so that
 * jitter below a few metres adds nothing.
 */

/** Centred moving average of `altitude` over `windowS` seconds of `time`; NaN stays NaN where no neighbour has a value. */
export function smoothAltitude(time: Float64Array, altitude: Float64Array, windowS: number): Float64Array {
  const n = altitude.length;
  const out = scratchFloat64('smooth-altitude', n);
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) {
      out[i] = NaN;
      continue;
    }
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
    out[i] = count > 0 ? sum / count : NaN;
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
      if (a - low >= hysteresisM) {
        direction = 1;
        base = low;
      } else if (high - a >= hysteresisM) {
        direction = -1;
        base = high;
      }
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

/** Values per block of the spike filter's first test (2^4): a 30-s window at 1 Hz spans 2 or 3. */
const BLOCK_BITS = 4;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

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
 * `maxAltitudeSpikeM` of both is kept without it. That is first asked of the lowest and highest
 * of the fixed blocks of values that hold the window (known once per block, so most samples cost
 * two comparisons), then of the window's own, and only where both fail (around a spike or on a
 * steep slope) is the sliding median moved there. Same result as taking the median everywhere.
 * The result is scratch (`scratch.ts`): it holds until the next call.
 */
export function plausibleAltitude(
  time: ArrayLike<number>,
  altitude: ArrayLike<number>,
  limits: AltitudeLimits,
): Float64Array {
  const n = altitude.length;
  const { minAltitudeM, maxAltitudeM } = limits;
  const half = limits.altitudeSpikeWindowS / 2;
  const spikeM = limits.maxAltitudeSpikeM;
  const holdS = limits.channelHoldS;
  // The values in range (NaN for the others), and the lowest and highest of each block of
  // 2^BLOCK_BITS of them (±Infinity for a block without any).
  const inRange = scratchFloat64('altitude-in-range', n);
  const blocks = (n >> BLOCK_BITS) + 1;
  const blockLow = scratchFloat64('altitude-block-low', blocks).fill(Infinity);
  const blockHigh = scratchFloat64('altitude-block-high', blocks).fill(-Infinity);
  // Finite times that never go back: then every window lies inside the window from its block's
  // first sample to its block's last one. (A NaN fails every comparison; ±Infinity can only be
  // first or last.)
  let ordered = n === 0 || (Number.isFinite(time[0]) && Number.isFinite(time[n - 1]));
  let previousT = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!(t >= previousT)) ordered = false;
    previousT = t;
    const raw = altitude[i] as number;
    const v = raw >= minAltitudeM && raw <= maxAltitudeM ? raw : NaN;
    inRange[i] = v;
    if (v !== v) continue;
    const b = i >> BLOCK_BITS;
    if (v < (blockLow[b] as number)) blockLow[b] = v;
    if (v > (blockHigh[b] as number)) blockHigh[b] = v;
  }
  const out = scratchFloat64('altitude', n);
  let lo = 0;
  let hi = 0;
  // The blocks [firstBlock, lastBlock] that hold the current window, their lowest and highest.
  let firstBlock = -1;
  let lastBlock = -1;
  let blocksLow = Infinity;
  let blocksHigh = -Infinity;
  let window: SlidingMedian | null = null;
  // The last value kept and its time, held over records without altitude.
  let lastT = -Infinity;
  let lastA = NaN;
  // Whether every value of the current block lies within the spike limit of its window's lowest
  // and highest value; `spanLo`..`spanHi` is the window from the block's first sample to its last.
  let flatBlock = false;
  let spanLo = 0;
  let spanHi = 0;
  for (let i = 0; i < n; i++) {
    if ((i & BLOCK_MASK) === 0 && ordered) {
      const end = Math.min(n, i + BLOCK_SIZE) - 1;
      const from = (time[i] as number) - half;
      const to = (time[end] as number) + half;
      while (spanLo < i && (time[spanLo] as number) < from) spanLo++;
      if (spanHi < end) spanHi = end;
      while (spanHi + 1 < n && (time[spanHi + 1] as number) <= to) spanHi++;
      let low = Infinity;
      let high = -Infinity;
      for (let b = spanLo >> BLOCK_BITS; b <= spanHi >> BLOCK_BITS; b++) {
        low = Math.min(low, blockLow[b] as number);
        high = Math.max(high, blockHigh[b] as number);
      }
      flatBlock = high - low <= spikeM;
    }
    const a = inRange[i] as number;
    const t = time[i] as number;
    let kept = NaN;
    if (flatBlock) {
      if (a === a) kept = a;
    } else if (a === a && Number.isFinite(t)) {
      while (lo < i && !((time[lo] as number) >= t - half)) lo++;
      if (hi < i) hi = i;
      while (hi + 1 < n && (time[hi + 1] as number) <= t + half) hi++;
      // The blocks that hold the window hold its lowest and highest value: within the spike
      // limit of theirs is within it of the window's.
      if (lo >> BLOCK_BITS !== firstBlock || hi >> BLOCK_BITS !== lastBlock) {
        firstBlock = lo >> BLOCK_BITS;
        lastBlock = hi >> BLOCK_BITS;
        blocksLow = Infinity;
        blocksHigh = -Infinity;
        for (let b = firstBlock; b <= lastBlock; b++) {
          blocksLow = Math.min(blocksLow, blockLow[b] as number);
          blocksHigh = Math.max(blocksHigh, blockHigh[b] as number);
        }
      }
      let low = blocksLow;
      let high = blocksHigh;
      if (a - low > spikeM || high - a > spikeM) {
        low = Infinity;
        high = -Infinity;
        for (let j = lo; j <= hi; j++) {
          const v = inRange[j] as number;
          if (v < low) low = v;
          if (v > high) high = v;
        }
      }
      if (a - low <= spikeM && high - a <= spikeM) kept = a;
      else {
        window ??= SlidingMedian.over(inRange);
        window.moveTo(lo, hi);
        if (Math.abs(a - window.median()) <= spikeM) kept = a;
      }
    }
    if (!Number.isNaN(kept)) {
      lastT = t;
      lastA = kept;
    } else if (Number.isNaN(altitude[i]) && t - lastT <= holdS) kept = lastA;
    out[i] = kept;
  }
  return out;
}
