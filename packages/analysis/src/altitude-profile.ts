import { scratchFloat64, scratchUint8 } from './scratch.ts';
import { SlidingMedian } from './sliding-median.ts';

/** Values per block of the spike filter's first test (2^4): a 30-s window at 1 Hz spans 2 or 3. */
const BLOCK_BITS = 4;
const BLOCK_SIZE = 1 << BLOCK_BITS;

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
 * two comparisons); where that fails (around a spike or on a steep slope) the window's values are
 * counted instead (`keptByCount`), and only a window whose two middle values that count cannot
 * place is the sliding median moved there. Same result as taking the median everywhere.
 * The result is scratch (`scratch.ts`), or the file's own array when every value is kept: it
 * holds until the next call, and is only read.
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
  // The lowest and highest value in range of each block of 2^BLOCK_BITS values (±Infinity for a
  // block without any), and whether every value of the block is in range.
  const blocks = (n >> BLOCK_BITS) + 1;
  const blockLow = scratchFloat64('altitude-block-low', blocks);
  const blockHigh = scratchFloat64('altitude-block-high', blocks);
  const blockFull = scratchUint8('altitude-block-full', blocks);
  blockLow[blocks - 1] = Infinity;
  blockHigh[blocks - 1] = -Infinity;
  blockFull[blocks - 1] = 0;
  // Finite times that never go back: then every window lies inside the window from its block's
  // first sample to its block's last one. (A NaN fails every comparison; ±Infinity can only be
  // first or last.)
  let ordered = n === 0 || (Number.isFinite(time[0]) && Number.isFinite(time[n - 1]));
  // Whether a value the file has is out of range (then the values in range are a copy).
  let outOfRange = false;
  let previousT = -Infinity;
  for (let b = 0, i = 0; i < n; b++) {
    const from = i;
    const end = Math.min(n, i + BLOCK_SIZE);
    let low = Infinity;
    let high = -Infinity;
    let inRange = 0;
    for (; i < end; i++) {
      const t = time[i] as number;
      if (!(t >= previousT)) ordered = false;
      previousT = t;
      const v = altitude[i] as number;
      if (v >= minAltitudeM && v <= maxAltitudeM) {
        if (v < low) low = v;
        if (v > high) high = v;
        inRange++;
      } else if (v === v) outOfRange = true;
    }
    blockLow[b] = low;
    blockHigh[b] = high;
    blockFull[b] = inRange === end - from ? 1 : 0;
  }
  // The values in range, NaN for the others: the file's own array when all of them are.
  let values: Float64Array;
  if (!outOfRange && altitude instanceof Float64Array) values = altitude;
  else {
    values = scratchFloat64('altitude-in-range', n);
    for (let i = 0; i < n; i++) {
      const v = altitude[i] as number;
      values[i] = v >= minAltitudeM && v <= maxAltitudeM ? v : NaN;
    }
  }
  const blockSummary = { low: blockLow, high: blockHigh, full: blockFull };
  const out = scratchFloat64('altitude', n);
  // out[0, copied) is written; values before `i` not yet written are kept as they are.
  let copied = 0;
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
  // The blocks that hold the windows of the current block's first and last sample.
  let spanFirst = 0;
  let spanLast = 0;
  const lastDataBlock = (n - 1) >> BLOCK_BITS;
  for (let b = 0, i = 0; i < n; b++) {
    const end = Math.min(n, i + BLOCK_SIZE);
    // Whether every value of the block lies within the spike limit of its windows' lowest and
    // highest value.
    let flatBlock = false;
    if (ordered) {
      const from = (time[i] as number) - half;
      const to = (time[end - 1] as number) + half;
      // The block of the first sample at or after `from` (this one at most), and of the last at
      // or before `to` (this one at least): a block's last and first times say where they are.
      while (spanFirst < b && (time[((spanFirst + 1) << BLOCK_BITS) - 1] as number) < from) spanFirst++;
      if (spanLast < b) spanLast = b;
      while (spanLast < lastDataBlock && (time[(spanLast + 1) << BLOCK_BITS] as number) <= to) spanLast++;
      let low = Infinity;
      let high = -Infinity;
      for (let k = spanFirst; k <= spanLast; k++) {
        low = Math.min(low, blockLow[k] as number);
        high = Math.max(high, blockHigh[k] as number);
      }
      flatBlock = high - low <= spikeM;
    }
    if (flatBlock && blockFull[b] === 1) {
      // Every value of the block is kept (times are ordered, so finite inside it): written when
      // a later block is not so, or at the end.
      i = end;
      lastT = time[end - 1] as number;
      lastA = values[end - 1] as number;
      continue;
    }
    for (; copied < i; copied++) out[copied] = values[copied] as number;
    for (; i < end; i++) {
      const a = values[i] as number;
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
          for (let k = firstBlock; k <= lastBlock; k++) {
            blocksLow = Math.min(blocksLow, blockLow[k] as number);
            blocksHigh = Math.max(blocksHigh, blockHigh[k] as number);
          }
        }
        if (a - blocksLow <= spikeM && blocksHigh - a <= spikeM) kept = a;
        else {
          const verdict = Number.isFinite(a)
            ? keptByCount(values, lo, hi, a, spikeM, blockSummary)
            : UNDECIDED;
          if (verdict === KEPT) kept = a;
          else if (verdict === UNDECIDED) {
            window ??= SlidingMedian.over(values);
            window.moveTo(lo, hi);
            if (Math.abs(a - window.median()) <= spikeM) kept = a;
          }
        }
      }
      if (!Number.isNaN(kept)) {
        lastT = t;
        lastA = kept;
      } else if (Number.isNaN(altitude[i]) && t - lastT <= holdS) kept = lastA;
      out[i] = kept;
    }
    copied = end;
  }
  // Every value kept as it is: the values themselves.
  if (copied === 0) return values;
  for (; copied < n; copied++) out[copied] = values[copied] as number;
  return out;
}

const KEPT = 0;
const SPIKE = 1;
const UNDECIDED = 2;

/** What the spike filter knows of its blocks of values (see `plausibleAltitude`). */
interface AltitudeBlocks {
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** 1 for a block of `BLOCK_SIZE` values all in range. */
  readonly full: Uint8Array;
}

/**
 * Whether the finite value `a` is within `spikeM` of the median of `values[lo..hi]` (NaN not
 * counting), found by counting the values too far below it and too far above. Too far below is
 * a − v > spikeM, which holds for every value under one that it holds for (rounding is monotone):
 * the median is too far below when more than half of the values are. The same above. So a full
 * block whose lowest and highest values agree is counted whole. When the count is even and the two
 * middle values are both near `a`, so is their mean, which lies between them; when both are too far
 * on one side, so is the mean; otherwise only the median can say (`UNDECIDED`).
 */
function keptByCount(
  values: Float64Array,
  lo: number,
  hi: number,
  a: number,
  spikeM: number,
  blocks: AltitudeBlocks,
): typeof KEPT | typeof SPIKE | typeof UNDECIDED {
  let count = 0;
  let below = 0;
  let above = 0;
  for (let k = lo >> BLOCK_BITS; k <= hi >> BLOCK_BITS; k++) {
    const from = Math.max(lo, k << BLOCK_BITS);
    const to = Math.min(hi, ((k + 1) << BLOCK_BITS) - 1);
    if (to - from === BLOCK_SIZE - 1 && blocks.full[k] === 1) {
      const low = blocks.low[k] as number;
      const high = blocks.high[k] as number;
      const allBelow = a - high > spikeM;
      const allAbove = low - a > spikeM;
      if ((allBelow || !(a - low > spikeM)) && (allAbove || !(high - a > spikeM))) {
        count += BLOCK_SIZE;
        if (allBelow) below += BLOCK_SIZE;
        if (allAbove) above += BLOCK_SIZE;
        continue;
      }
    }
    for (let j = from; j <= to; j++) {
      const v = values[j] as number;
      if (v !== v) continue;
      count++;
      if (a - v > spikeM) below++;
      if (v - a > spikeM) above++;
    }
  }
  // The middle value has `m` values below it, or the two middle values `m − 1` and `m`.
  const m = count >> 1;
  if (count % 2 === 1) return below <= m && above <= m ? KEPT : SPIKE;
  if (below < m && above < m) return KEPT;
  return below > m || above > m ? SPIKE : UNDECIDED;
}
