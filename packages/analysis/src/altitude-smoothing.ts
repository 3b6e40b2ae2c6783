import type { RunTimeline } from './run-timeline.ts';
import { scratchFloat64 } from './scratch.ts';

/**
 * Altitude smoothed for grade and climb figures: a centred moving average over time (barometric
 * and GPS altitude both jitter by a metre or more), and from it, in the same pass, the run's climb
 * and descent with hysteresis, so that jitter below a few metres adds nothing.
 */
export interface SmoothedAltitude {
  /** The centred moving average; NaN where no neighbour has a value. Scratch (`scratch.ts`). */
  readonly smooth: Float64Array;
  /** Total climb and descent over the legs of the run; null when no leg has two smoothed values. */
  readonly gainM: number | null;
  readonly lossM: number | null;
}

/**
 * Centred moving average of `altitude` over `windowS` seconds of `time`, and the climb and
 * descent of the smoothed values over each leg (`legs`, in order), added up leg by leg. In a leg,
 * a rise or fall counts only once it exceeds `hysteresisM` from the last turning point, then
 * counts whole; until the first direction is known, a climb may start from the lowest value so far
 * (a dip before a rise) and a descent from the highest. A leg with fewer than two values adds
 * nothing.
 */
export function smoothAltitude(
  time: Float64Array,
  altitude: Float64Array,
  windowS: number,
  legs: RunTimeline['legs'],
  hysteresisM: number,
): SmoothedAltitude {
  const n = altitude.length;
  const out = scratchFloat64('smooth-altitude', n);
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  let gainM: number | null = null;
  let lossM: number | null = null;
  // The current leg (first past the end once there is none), and its climb so far: the values
  // seen, the totals, the last turning point, the extreme since, the direction, and the lowest
  // and highest values while the direction is not known.
  let leg = 0;
  let legFirst = legs[0]?.first ?? n;
  let legLast = legs[0]?.last ?? -1;
  let values = 0;
  let legGain = 0;
  let legLoss = 0;
  let base = NaN;
  let extreme = NaN;
  let direction = 0;
  let low = NaN;
  let high = NaN;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    let a = NaN;
    if (Number.isFinite(t)) {
      while (hi < n && (time[hi] as number) <= t + half) {
        const v = altitude[hi] as number;
        if (Number.isFinite(v)) {
          sum += v;
          count++;
        }
        hi++;
      }
      while (lo < hi && (time[lo] as number) < t - half) {
        const v = altitude[lo] as number;
        if (Number.isFinite(v)) {
          sum -= v;
          count--;
        }
        lo++;
      }
      if (count > 0) a = sum / count;
    }
    out[i] = a;
    if (i < legFirst) continue;
    if (Number.isFinite(a)) {
      if (values === 0) {
        base = extreme = low = high = a;
        direction = 0;
      }
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
      } else if (direction === 1) {
        if (a > extreme) extreme = a;
        else if (extreme - a >= hysteresisM) {
          legGain += extreme - base;
          base = extreme;
          extreme = a;
          direction = -1;
        }
      } else if (a < extreme) extreme = a;
      else if (a - extreme >= hysteresisM) {
        legLoss += base - extreme;
        base = extreme;
        extreme = a;
        direction = 1;
      }
    }
    if (i === legLast) {
      if (values >= 2) {
        if (direction === 1) legGain += extreme - base;
        if (direction === -1) legLoss += base - extreme;
        gainM = (gainM ?? 0) + legGain;
        lossM = (lossM ?? 0) + legLoss;
      }
      values = 0;
      legGain = 0;
      legLoss = 0;
      leg++;
      legFirst = legs[leg]?.first ?? n;
      legLast = legs[leg]?.last ?? -1;
    }
  }
  return { smooth: out, gainM, lossM };
}
