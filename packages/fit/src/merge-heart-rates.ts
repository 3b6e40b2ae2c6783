import { FIT_EPOCH_S } from './activity-metadata.ts';
import type { DecodedFit } from './decoded-fit.ts';
import type { FitHr } from './summary-messages.ts';

interface HrPoint {
  readonly t: number; // seconds since the FIT epoch
  readonly bpm: number;
}

/** Expands `hr` messages (an anchor with a timestamp, then deltas of event_timestamp) into points. */
function expand(hr: readonly FitHr[]): HrPoint[] {
  const points: HrPoint[] = [];
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
      points.push({ t: anchorT + (e - anchorEvent), bpm: bpms[i] ?? 0 });
    }
  }
  points.sort((a, b) => a.t - b.t);
  return points;
}

/**
 * Fills record heart rates from separate `hr` messages (HRM-Swim/HRM-Tri/HRM-Pro store heart
 * rate there while the strap cannot transmit, and the watch writes them later, often in another
 * chained FIT segment). Each record without a heart rate gets the mean of the hr points in
 * (previous record time, its time], like the FIT SDK's merge; records with their own heart rate
 * keep it. Returns the DecodedFit with a new heart-rate column when anything was filled.
 */
export function mergeHeartRates(decoded: DecodedFit): DecodedFit {
  const points = expand(decoded.hr);
  const time = decoded.records.columns.timestamp;
  if (points.length === 0 || time === undefined) return decoded;
  const own = decoded.records.columns.heartRate;
  const heartRate = own === undefined ? new Float64Array(decoded.records.length).fill(NaN) : own.slice();
  const order: number[] = [];
  for (let i = 0; i < time.length; i++) if (Number.isFinite(time[i])) order.push(i);
  const t = (i: number): number => (time[i] ?? NaN) / 1000 - FIT_EPOCH_S;
  order.sort((a, b) => t(a) - t(b));
  let j = 0;
  let prevT = -Infinity;
  for (const i of order) {
    const ti = t(i);
    const from = ti === prevT || prevT === -Infinity ? ti - 1 : prevT;
    while (j > 0 && (points[j - 1]?.t ?? -Infinity) > from) j--;
    while (j < points.length && (points[j]?.t ?? Infinity) <= from) j++;
    let sum = 0;
    let n = 0;
    let k = j;
    for (; k < points.length && (points[k]?.t ?? Infinity) <= ti; k++) {
      sum += points[k]?.bpm ?? 0;
      n++;
    }
    j = k;
    if (n > 0 && Number.isNaN(heartRate[i] ?? NaN)) heartRate[i] = Math.round(sum / n);
    prevT = ti;
  }
  return { ...decoded, records: { ...decoded.records, columns: { ...decoded.records.columns, heartRate } } };
}
