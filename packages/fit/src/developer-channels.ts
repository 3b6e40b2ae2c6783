import type { FitRecords } from './decoded-fit.ts';
import type { FitFieldDescription } from './summary-messages.ts';

/** A developer field that stands in for a native channel, with the factor to our unit. */
export interface DeveloperChannel {
  readonly keys: readonly number[];
  readonly factor: number;
  readonly name: string;
}

export interface DeveloperChannels {
  readonly power: DeveloperChannel | null;
  readonly stanceTime: DeveloperChannel | null;
  readonly verticalOscillation: DeveloperChannel | null;
}

interface Description {
  readonly key: number;
  readonly name: string;
  readonly units: string;
  readonly nativeFieldNum: number | null;
}

// record message and field numbers a developer field may declare as its native equivalent
const RECORD_MESG_NUM = 20;
const NATIVE_POWER = 7;
const NATIVE_VERTICAL_OSCILLATION = 39;
const NATIVE_STANCE_TIME = 41;

function describe(m: FitFieldDescription): Description | null {
  if (m.key === null) return null;
  return {
    key: m.key,
    name: (m.fieldName ?? '').trim(),
    units: (m.units ?? '').trim().toLowerCase(),
    nativeFieldNum: m.nativeMesgNum === RECORD_MESG_NUM ? m.nativeFieldNum : null,
  };
}

function pick(
  descs: Description[],
  nativeNum: number,
  patterns: RegExp[],
  factorOf: (d: Description) => number,
): DeveloperChannel | null {
  const native = descs.filter((d) => d.nativeFieldNum === nativeNum);
  for (const candidates of [native, ...patterns.map((p) => descs.filter((d) => p.test(d.name)))]) {
    const first = candidates[0];
    if (first) return { keys: candidates.map((d) => d.key), factor: factorOf(first), name: first.name };
  }
  return null;
}

const NO_CHANNELS: DeveloperChannels = { power: null, stanceTime: null, verticalOscillation: null };

/**
 * Finds developer fields (Stryd, RunScribe, Garmin Running Power and other Connect IQ apps) that
 * carry power, stance (ground contact) time or vertical oscillation, from the file's
 * field_description messages: by declared native field first, then by name. Several matching
 * keys (RunScribe's left/right contact time) are averaged per record.
 */
export function findDeveloperChannels(fieldDescriptions: readonly FitFieldDescription[]): DeveloperChannels {
  if (fieldDescriptions.length === 0) return NO_CHANNELS;
  const descs = fieldDescriptions.map(describe).filter((d): d is Description => d !== null);
  return {
    power: pick(descs, NATIVE_POWER, [/^power$/i, /^(rp_power|rs_power_avg|running ?power)$/i], () => 1),
    stanceTime: pick(
      descs,
      NATIVE_STANCE_TIME,
      [/^(ground ?time|stance ?time|gct)$/i, /^rs_contacttime_[lr]$/i],
      (d) => (/^(s|sec|seconds?)$/.test(d.units) ? 1000 : 1),
    ),
    verticalOscillation: pick(descs, NATIVE_VERTICAL_OSCILLATION, [/^vertical ?oscillation$/i], (d) =>
      /^(cm|centimet)/.test(d.units) ? 10 : /^(m|meters?|metres?)$/.test(d.units) ? 1000 : 1,
    ),
  };
}

/**
 * The values of a developer channel per record (mean over its keys, in our unit), NaN where a
 * record has none; null when the channel is absent or no record carries it.
 */
export function developerColumn(records: FitRecords, channel: DeveloperChannel | null): Float64Array | null {
  if (channel === null) return null;
  const columns = channel.keys
    .map((k) => records.developer.get(k))
    .filter((c): c is Float64Array => c !== undefined);
  const first = columns[0];
  if (first === undefined) return null;
  const n = records.length;
  const { factor } = channel;
  const out = new Float64Array(n);
  if (columns.length === 1) {
    const m = Math.min(n, first.length);
    for (let i = 0; i < m; i++) out[i] = (first[i] as number) * factor;
    if (m < n) out.fill(NaN, m);
    return out;
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (let k = 0; k < columns.length; k++) {
      const v = (columns[k] as Float64Array)[i] ?? NaN;
      if (v === v) {
        sum += v;
        count++;
      }
    }
    out[i] = count === 0 ? NaN : (sum / count) * factor;
  }
  return out;
}
