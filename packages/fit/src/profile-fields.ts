import { Profile } from '@garmin/fitsdk';
import type { ProfileField, ProfileSubField } from '@garmin/fitsdk';
import type { FitMessage } from './fit-messages.ts';
import { NUMERIC_TYPES } from './profile-message.ts';

/** A field value as read from the bytes, before scale, offset and type conversion. */
export type RawValue = number | string | (number | null)[];

const FIT_EPOCH_S = 631065600;
const FIELD_DESCRIPTION = 206;
const DEVELOPER_DATA_ID = 207;
const BITS: Record<string, number> = {
  enum: 8,
  byte: 8,
  sint8: 8,
  uint8: 8,
  uint8z: 8,
  sint16: 16,
  uint16: 16,
  uint16z: 16,
  sint32: 32,
  uint32: 32,
  uint32z: 32,
  float32: 32,
};

function single(x: number | number[]): number | null {
  if (!Array.isArray(x)) return x;
  return x.length === 1 ? (x[0] ?? null) : null;
}

function convertOne(field: ProfileField | ProfileSubField, v: number): unknown {
  if (field.type === 'dateTime') return new Date((v + FIT_EPOCH_S) * 1000);
  if (NUMERIC_TYPES.has(field.type) || field.type === 'localDateTime') {
    const scale = single(field.scale);
    const offset = single(field.offset);
    return scale === null || offset === null ? v : v / scale - offset;
  }
  return Profile.types[field.type]?.[v] ?? v;
}

/** Applies scale/offset, enum names and date conversion the way the SDK does. */
function convert(field: ProfileField | ProfileSubField, value: RawValue): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return field.type === 'byte' ? value : value.map((v) => (v === null ? null : convertOne(field, v)));
  return convertOne(field, value);
}

function expandComponents(
  global: number,
  field: ProfileField | ProfileSubField,
  value: RawValue,
  fields: Record<number, ProfileField>,
  accumulators: Map<string, number>,
  out: Map<string, { field: ProfileField; values: unknown[] }>,
): void {
  if (typeof value === 'string') return;
  const elems = (Array.isArray(value) ? value : [value]).map((v) => (v === null ? 0 : v));
  const width = BITS[field.baseType] ?? 8;
  let bitPos = 0;
  const totalBits = elems.length * width;
  const scales = Array.isArray(field.scale) ? field.scale : [field.scale];
  const offsets = Array.isArray(field.offset) ? field.offset : [field.offset];
  for (let j = 0; j < field.components.length; j++) {
    const bits = field.bits[j] ?? 0;
    if (bitPos + bits > totalBits) break;
    let v = 0;
    for (let b = 0; b < bits; b++, bitPos++) {
      const el = elems[Math.floor(bitPos / width)] ?? 0;
      if (Math.floor(el / 2 ** (bitPos % width)) % 2 === 1) v += 2 ** b;
    }
    const target = fields[Number(field.components[j])];
    if (target === undefined || v === 2 ** bits - 1) continue;
    if (target.isAccumulated) {
      const key = `${global}:${target.num}`;
      const prev = accumulators.get(key) ?? 0;
      const mod = 2 ** bits;
      let next = prev - (prev % mod) + v;
      if (v < prev % mod) next += mod;
      accumulators.set(key, next);
      v = next;
    }
    const units = v / (scales[j] ?? 1) - (offsets[j] ?? 0);
    const entry = out.get(target.name) ?? { field: target, values: [] };
    entry.values.push(
      NUMERIC_TYPES.has(target.type) ? units : (Profile.types[target.type]?.[units] ?? units),
    );
    out.set(target.name, entry);
  }
}

/**
 * Turns the raw field values of one data message into the SDK's message shape using the
 * profile: names, scale/offset, enum names, dates, active sub-fields (e.g. `garminProduct`,
 * `avgRunningCadence`) and component expansion with accumulation (e.g. FR70
 * `compressed_speed_distance` into speed and a running distance).
 */
export function expandMessage(
  global: number,
  raw: ReadonlyMap<number, RawValue>,
  accumulators: Map<string, number>,
): FitMessage {
  const message: FitMessage = {};
  const profile = Profile.messages[global];
  if (profile === undefined) return message;
  const fields = profile.fields;
  const numByName = new Map<string, number>();
  for (const f of Object.values(fields)) numByName.set(f.name, f.num);
  const expanded = new Map<string, { field: ProfileField; values: unknown[] }>();
  // Like the SDK, developer data ids and field descriptions keep their raw values.
  const keepRaw = global === DEVELOPER_DATA_ID || global === FIELD_DESCRIPTION;
  for (const [num, value] of raw) {
    const field = fields[num];
    if (field === undefined) continue;
    if (keepRaw) {
      message[field.name] = value;
      continue;
    }
    message[field.name] = convert(field, value);
    if (field.hasComponents) expandComponents(global, field, value, fields, accumulators, expanded);
    for (const sub of field.subFields) {
      if (!sub.map.some((m) => raw.get(numByName.get(m.name) ?? -2) === m.value)) continue;
      message[sub.name] = convert(sub, value);
      if (sub.hasComponents) expandComponents(global, sub, value, fields, accumulators, expanded);
    }
  }
  for (const [name, { field, values }] of expanded) {
    message[name] = values.length === 1 && !field.array ? values[0] : values;
  }
  return message;
}
