import type { Activity } from '@runcue/fit';
import { scratchFloat64 } from './scratch.ts';

/**
 * The per-step channels as the metrics read them. Files differ in how they leave a value out:
 * a cadence of 0 while moving is a sensor that lost its lock, not a runner at 0 steps/min; a
 * phone app or a Suunto writes GPS-only records between the ones that carry heart rate and
 * cadence. So cadence ≤ 0 (or beyond any human, above `maxCadenceSpm`) is missing, and each
 * channel's last value holds for up to `channelHoldS` seconds over records that do not carry the
 * field, as the watch itself shows it. A longer gap stays missing: a dropout is not filled.
 */
export interface AnalysisChannels {
  readonly cadence: Float64Array;
  readonly heartRate: Float64Array;
  readonly stanceTime: Float64Array;
  readonly verticalOscillation: Float64Array;
  readonly verticalRatio: Float64Array;
  readonly stepLength: Float64Array;
  readonly stanceTimeBalance: Float64Array;
}

export type AnalysisChannelName = keyof AnalysisChannels;

/** Beyond any human heart (bpm): such a value is a sensor fault. */
export const MAX_HEART_RATE = 260;

/**
 * The channel with values outside (0, max] as NaN, and each record that does not carry the field
 * at all (NaN in the file) given the last value seen no more than `holdS` seconds before. A value
 * the file does carry, even a 0, is never overwritten: only absent fields are held. Linear time.
 * Null for a channel without any value (all NaN, as it is held too).
 */
function heldChannel(
  name: AnalysisChannelName,
  time: Float64Array,
  values: Float64Array,
  max: number,
  holdS: number,
): Float64Array | null {
  const n = values.length;
  // Until the first value the file carries there is nothing to hold (a channel the file lacks is
  // all NaN): one scan and a fill.
  let first = 0;
  while (first < n && Number.isNaN(values[first])) first++;
  if (first === n) return null;
  const out = scratchFloat64(`held-${name}`, n);
  out.fill(NaN, 0, first);
  // The last value the file carried (cleaned) and its index; its time is read only when held.
  let lastI = first;
  let lastV = NaN;
  for (let i = first; i < n; i++) {
    const v = values[i] as number;
    if (v !== v) {
      if (lastV !== lastV) out[i] = NaN;
      else {
        const t = time[i] as number;
        out[i] = Number.isFinite(t) && t - (time[lastI] as number) <= holdS ? lastV : NaN;
      }
      continue;
    }
    lastV = v > 0 && v <= max ? v : NaN;
    lastI = i;
    out[i] = lastV;
  }
  return out;
}

/**
 * The channels of `activity` cleaned as described on `AnalysisChannels`. Each is cleaned when it
 * is first read: running dynamics are only read by form decay, which most files never reach. The
 * arrays are scratch (`scratch.ts`): they hold until the next analysis cleans the same channel.
 */
export function analysisChannels(
  activity: Activity,
  options: { channelHoldS: number; maxCadenceSpm: number },
): AnalysisChannels {
  const s = activity.samples;
  const holdS = options.channelHoldS;
  const cleaned = new Map<AnalysisChannelName, Float64Array>();
  // A channel found without any value, and its held form (all NaN): the decoder gives every
  // channel a file lacks as one array, so the others it lacks need no scan.
  let missing: Float64Array | null = null;
  let missingHeld: Float64Array | null = null;
  const held = (name: AnalysisChannelName, max: number): Float64Array => {
    const known = cleaned.get(name);
    if (known !== undefined) return known;
    const raw = s[name];
    let values = raw === missing ? missingHeld : heldChannel(name, s.time, raw, max, holdS);
    if (values === null) {
      missing = raw;
      missingHeld = scratchFloat64('held-missing', raw.length).fill(NaN);
      values = missingHeld;
    }
    cleaned.set(name, values);
    return values;
  };
  return {
    get cadence() {
      return held('cadence', options.maxCadenceSpm);
    },
    get heartRate() {
      return held('heartRate', MAX_HEART_RATE);
    },
    get stanceTime() {
      return held('stanceTime', Infinity);
    },
    get verticalOscillation() {
      return held('verticalOscillation', Infinity);
    },
    get verticalRatio() {
      return held('verticalRatio', Infinity);
    },
    get stepLength() {
      return held('stepLength', Infinity);
    },
    get stanceTimeBalance() {
      return held('stanceTimeBalance', 100);
    },
  };
}
