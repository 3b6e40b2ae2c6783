import type { Activity, ChannelName, Samples } from '@runcue/fit';
import { scratchFloat64, scratchInt32 } from './scratch.ts';

/**
 * The activity with records that share a timestamp merged into one sample. Phone apps (Strava)
 * write GPS, distance, heart rate and cadence in records of their own at the same second, and a
 * Suunto writes position-only records beside full ones; read record by record, such a file has
 * four or five samples per second where a watch has one, so windows counted in samples, rolling
 * medians, weights and coverage would all read differently from the same run recorded by a watch.
 * Merged, each second is one sample carrying every channel the file gave for it (the last value
 * when two records carry the same field), and the figures come out as for a watch file. Records
 * without a time are kept as they are. Returns `activity` itself when no two consecutive records
 * share a time; otherwise the merged samples are scratch (`scratch.ts`), valid until the next call,
 * each channel merged when first read.
 */
export function mergeSameTime(activity: Activity): Activity {
  const s = activity.samples;
  const time = s.time;
  const records = s.length;
  let merged = 0;
  let previous = time[0] as number;
  for (let i = 1; i < records; i++) {
    const t = time[i] as number;
    if (t === previous) merged++;
    previous = t;
  }
  if (merged === 0) return activity;
  const n = records - merged;
  // Where each record goes, then one channel at a time: the last value a second carries wins.
  const target = scratchInt32('merged-target', records);
  const mergedTime = scratchFloat64('merged-time', n);
  let k = -1;
  for (let i = 0; i < records; i++) {
    const t = time[i] as number;
    if (k < 0 || t !== mergedTime[k]) {
      k++;
      mergedTime[k] = t;
    }
    target[i] = k;
  }
  // Each channel is merged when first read: the analysis never reads position, power or
  // temperature, and reads the running dynamics only for form decay. A channel the file never
  // carries is all NaN: those share one array.
  let empty: Float64Array | null = null;
  const merge = (c: ChannelName): Float64Array => {
    const from = s[c];
    let first = 0;
    while (first < from.length && Number.isNaN(from[first])) first++;
    if (first === from.length) return (empty ??= scratchFloat64('merged-empty', n).fill(NaN));
    const to = scratchFloat64(`merged-${c}`, n);
    // A second's first record writes its value, NaN or not; a later one only a value it carries.
    let second = -1;
    for (let i = 0; i < records; i++) {
      const v = from[i] as number;
      const k = target[i] as number;
      if (k !== second) {
        to[k] = v;
        second = k;
      } else if (v === v) to[k] = v;
    }
    return to;
  };
  const samples: Samples = new MergedSamples(n, mergedTime, merge);
  return { ...activity, samples };
}

/**
 * Merged samples whose channels are merged when first read. The getters are the class's, so every
 * such object has one shape (getters defined on each object made each one a shape of its own, and
 * the code that reads samples was compiled again and again).
 */
class MergedSamples {
  private readonly merged = new Map<ChannelName, Float64Array>();

  constructor(
    readonly length: number,
    readonly time: Float64Array,
    private readonly merge: (c: ChannelName) => Float64Array,
  ) {}

  private channel(c: ChannelName): Float64Array {
    let values = this.merged.get(c);
    if (values === undefined) {
      values = this.merge(c);
      this.merged.set(c, values);
    }
    return values;
  }

  get distance(): Float64Array {
    return this.channel('distance');
  }
  get speed(): Float64Array {
    return this.channel('speed');
  }
  get altitude(): Float64Array {
    return this.channel('altitude');
  }
  get lat(): Float64Array {
    return this.channel('lat');
  }
  get lon(): Float64Array {
    return this.channel('lon');
  }
  get heartRate(): Float64Array {
    return this.channel('heartRate');
  }
  get cadence(): Float64Array {
    return this.channel('cadence');
  }
  get verticalOscillation(): Float64Array {
    return this.channel('verticalOscillation');
  }
  get stanceTime(): Float64Array {
    return this.channel('stanceTime');
  }
  get stanceTimeBalance(): Float64Array {
    return this.channel('stanceTimeBalance');
  }
  get stepLength(): Float64Array {
    return this.channel('stepLength');
  }
  get verticalRatio(): Float64Array {
    return this.channel('verticalRatio');
  }
  get power(): Float64Array {
    return this.channel('power');
  }
  get temperature(): Float64Array {
    return this.channel('temperature');
  }
}
