import { channelNames, type Activity, type Samples } from '@runcue/fit';

/**
 * The activity with records that share a timestamp merged into one sample. Phone apps (Strava)
 * write GPS, distance, heart rate and cadence in records of their own at the same second, and a
 * Suunto writes position-only records beside full ones; read record by record, such a file has
 * four or five samples per second where a watch has one, so windows counted in samples, rolling
 * medians, weights and coverage would all read differently from the same run recorded by a watch.
 * Merged, each second is one sample carrying every channel the file gave for it (the last value
 * when two records carry the same field), and the figures come out as for a watch file. Records
 * without a time are kept as they are. Returns `activity` itself when no two consecutive records
 * share a time.
 */
export function mergeSameTime(activity: Activity): Activity {
  const s = activity.samples;
  const time = s.time;
  let merged = 0;
  for (let i = 1; i < s.length; i++) if (time[i] === time[i - 1]) merged++;
  if (merged === 0) return activity;
  const n = s.length - merged;
  const out = Object.fromEntries(channelNames.map((c) => [c, new Float64Array(n).fill(NaN)])) as {
    [K in (typeof channelNames)[number]]: Float64Array;
  };
  // Where each record goes, then one channel at a time: the last value a second carries wins.
  const target = new Int32Array(s.length);
  let k = -1;
  for (let i = 0; i < s.length; i++) {
    const t = time[i] ?? NaN;
    if (k < 0 || t !== out.time[k]) {
      k++;
      out.time[k] = t;
    }
    target[i] = k;
  }
  for (const c of channelNames) {
    if (c === 'time') continue;
    const from = s[c];
    const to = out[c];
    for (let i = 0; i < s.length; i++) {
      const v = from[i] as number;
      if (v === v) to[target[i] as number] = v;
    }
  }
  const samples: Samples = { length: n, ...out };
  return { ...activity, samples };
}
