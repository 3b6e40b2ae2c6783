import { FIT_EPOCH_S } from './activity-metadata.ts';
import type { FitMessages } from './fit-messages.ts';
import { mesgs, num, timeMs } from './fit-messages.ts';

interface HrPoint {
  readonly t: number; // seconds since the FIT epoch
  readonly bpm: number;
}

const list = (v: unknown): number[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));

/** Expands `hr` messages (an anchor with a timestamp, then deltas of event_timestamp) into points. */
function expand(messages: FitMessages): HrPoint[] {
  const points: HrPoint[] = [];
  let anchorT: number | null = null;
  let anchorEvent = 0;
  for (const m of mesgs(messages, 'hrMesgs')) {
    const events = list(m.eventTimestamp);
    const bpms = list(m.filteredBpm);
    const ts = timeMs(m, 'timestamp');
    if (ts !== null && events.length >= 1) {
      anchorT = ts / 1000 - FIT_EPOCH_S + (num(m, 'fractionalTimestamp') ?? 0);
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
 * keep it. Mutates the record messages.
 */
export function mergeHeartRates(messages: FitMessages): void {
  const points = expand(messages);
  if (points.length === 0) return;
  const records = mesgs(messages, 'recordMesgs')
    .map((r) => ({ r, t: (timeMs(r, 'timestamp') ?? NaN) / 1000 - FIT_EPOCH_S }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t);
  let j = 0;
  let prevT = -Infinity;
  for (const { r, t } of records) {
    const from = t === prevT || prevT === -Infinity ? t - 1 : prevT;
    while (j > 0 && (points[j - 1]?.t ?? -Infinity) > from) j--;
    while (j < points.length && (points[j]?.t ?? Infinity) <= from) j++;
    let sum = 0;
    let n = 0;
    let k = j;
    for (; k < points.length && (points[k]?.t ?? Infinity) <= t; k++) {
      sum += points[k]?.bpm ?? 0;
      n++;
    }
    j = k;
    if (n > 0 && num(r, 'heartRate') === null) r.heartRate = Math.round(sum / n);
    prevT = t;
  }
}
