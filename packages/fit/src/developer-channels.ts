import type { FitMessage } from './fit-messages.ts';
import { num, str } from './fit-messages.ts';

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

// record field numbers a developer field may declare as its native equivalent
const NATIVE_POWER = 7;
const NATIVE_VERTICAL_OSCILLATION = 39;
const NATIVE_STANCE_TIME = 41;

function describe(m: FitMessage): Description | null {
  const key = num(m, 'key');
  if (key === null) return null;
  const native =
    num(m, 'nativeMesgNum') === 20 || m.nativeMesgNum === 'record' ? num(m, 'nativeFieldNum') : null;
  return {
    key,
    name: (str(m, 'fieldName') ?? '').trim(),
    units: (str(m, 'units') ?? '').trim().toLowerCase(),
    nativeFieldNum: native,
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

/**
 * Finds developer fields (Stryd, RunScribe, Garmin Running Power and other Connect IQ apps) that
 * carry power, stance (ground contact) time or vertical oscillation, from the file's
 * field_description messages: by declared native field first, then by name. Several matching
 * keys (RunScribe's left/right contact time) are averaged per record.
 */
export function findDeveloperChannels(fieldDescriptions: readonly FitMessage[]): DeveloperChannels {
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

/** The value of a developer channel in one record (mean over its keys), or NaN. */
export function developerValue(record: FitMessage, channel: DeveloperChannel | null): number {
  if (channel === null) return NaN;
  const dev = record.developerFields as Record<string, unknown> | undefined;
  if (dev === undefined) return NaN;
  let sum = 0;
  let n = 0;
  for (const key of channel.keys) {
    const raw = dev[key];
    const v = Array.isArray(raw) ? (raw[0] as unknown) : raw;
    if (typeof v === 'number' && Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : (sum / n) * channel.factor;
}
