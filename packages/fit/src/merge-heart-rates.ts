import { FIT_EPOCH_S } from './activity-metadata.ts';
import type { DecodedFit } from './decoded-fit.ts';
import type { FitHr } from './summary-messages.ts';

/** Heart-rate points in time order: `t` in seconds since the FIT epoch, `bpm` beats per minute. */
interface HrPoints {
  readonly t: Float64Array;
  readonly bpm: Float64Array;
}

/**
 * Indices `0..n-1` in ascending order of `key` (ties in index order, like a stable sort); null
 * when they already are.
 */
function orderBy(n: number, key: Float64Array): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if ((key[i] as number) < (key[i - 1] as number)) sorted = false;
  if (sorted) return null;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
}

/** `values` in `order` (`values` itself when `order` is null). */
function permute(values: Float64Array, order: Int32Array | null): Float64Array {
  if (order === null) return values;
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as number;
  return out;
}

/** Expands `hr` messages (an anchor with a timestamp, then deltas of event_timestamp) into points. */
function expand(hr: readonly FitHr[]): HrPoints {
  let capacity = 0;
  for (const m of hr) capacity += m.eventTimestamp.length;
  const t = new Float64Array(capacity);
  const bpm = new Float64Array(capacity);
  let n = 0;
  let anchorT: number | null = null;
  let anchorEvent = 0;
  for (const m of hr) {
    const events = m.eventTimestamp;
    const bpms = m.filteredBpm;
    if (m.timestamp !== null && events.length >= 1) {
      anchorT = m.timestamp / 1000 - FIT_EPOCH_S + (m.fractionalTimestamp ?? 0);
      anchorEvent = events[0] ?? 0;
    }
    if (anchorT === null || events.length !== bpms.length) continue;
    for (let i = 0; i < events.length; i++) {
      let e = events[i] ?? 0;
      if (e < anchorEvent) {
        if (anchorEvent - e <= 0x400000) continue; // not a rollover: an unusable delta
        e += 0x400000;
      }
      t[n] = anchorT + (e - anchorEvent);
      bpm[n] = bpms[i] ?? 0;
      n++;
    }
  }
  const order = orderBy(n, t.subarray(0, n));
  return { t: permute(t.subarray(0, n), order), bpm: permute(bpm.subarray(0, n), order) };
}

/**
 * Fills record heart rates from separate `hr` messages (HRM-Swim/HRM-Tri/HRM-Pro store heart
 * rate there while the strap cannot transmit, and the watch writes them later, often in another
 * chained FIT segment). Each record without a heart rate gets the mean of the hr points in
 * (previous record time, its time], like the FIT SDK's merge; records with their own heart rate
 * keep it. Returns the DecodedFit with a new heart-rate column when anything was filled.
 */
export function mergeHeartRates(decoded: DecodedFit): DecodedFit {
  const time = decoded.records.columns.timestamp;
  if (decoded.hr.length === 0 || time === undefined) return decoded;
  const points = expand(decoded.hr);
  const count = points.t.length;
  if (count === 0) return decoded;
  const own = decoded.records.columns.heartRate;
  const heartRate = own === undefined ? new Float64Array(decoded.records.length).fill(NaN) : own.slice();
  // Records with a timestamp (their index and time), in time order.
  let timed = 0;
  const index = new Float64Array(time.length);
  const seconds = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const ms = time[i] as number;
    if (!Number.isFinite(ms)) continue;
    index[timed] = i;
    seconds[timed++] = ms / 1000 - FIT_EPOCH_S;
  }
  const order = orderBy(timed, seconds.subarray(0, timed));
  const recordTimes = permute(seconds.subarray(0, timed), order);
  const records = permute(index.subarray(0, timed), order);
  let j = 0;
  let prevT = -Infinity;
  for (let k = 0; k < timed; k++) {
    const ti = recordTimes[k] as number;
    const i = records[k] as number;
    const from = ti === prevT || prevT === -Infinity ? ti - 1 : prevT;
    while (j > 0 && (points.t[j - 1] as number) > from) j--;
    while (j < count && (points.t[j] as number) <= from) j++;
    let sum = 0;
    let n = 0;
    for (; j < count && (points.t[j] as number) <= ti; j++) {
      sum += points.bpm[j] as number;
      n++;
    }
    if (n > 0 && Number.isNaN(heartRate[i] ?? NaN)) heartRate[i] = Math.round(sum / n);
    prevT = ti;
  }
  return { ...decoded, records: { ...decoded.records, columns: { ...decoded.records.columns, heartRate } } };
}
