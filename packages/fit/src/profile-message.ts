import { Profile } from '@garmin/fitsdk';
import type { ProfileField, ProfileMesg, ProfileSubField } from '@garmin/fitsdk';
import type { FitMessage } from './fit-messages.ts';

/**
 * Decoding of one FIT data message into the shape `@garmin/fitsdk`'s Decoder gives it, with the
 * Decoder's exact rules (array handling, invalid values, sub-fields, components, accumulation,
 * scale and offset, enum names, dates). The fast reader uses it for the few non-record messages a
 * file holds (file_id, sessions, laps, events, hr, developer descriptions, ...); records go
 * through compiled plans instead.
 */

/** A base type's size and invalid value, as the SDK's `FIT.BaseTypeDefinitions` has them. */
interface BaseType {
  readonly size: number;
  readonly invalid: number;
}
// The 64-bit invalid values are numbers, as in the SDK, so they never equal a BigInt read.
export const BASE_TYPES: ReadonlyArray<BaseType | undefined> = [
  { size: 1, invalid: 0xff },
  { size: 1, invalid: 0x7f },
  { size: 1, invalid: 0xff },
  { size: 2, invalid: 0x7fff },
  { size: 2, invalid: 0xffff },
  { size: 4, invalid: 0x7fffffff },
  { size: 4, invalid: 0xffffffff },
  { size: 1, invalid: 0x00 },
  { size: 4, invalid: 0xffffffff },
  { size: 8, invalid: 2 ** 64 }, // 0xFFFFFFFFFFFFFFFF as a double
  { size: 1, invalid: 0x00 },
  { size: 2, invalid: 0x0000 },
  { size: 4, invalid: 0x00000000 },
  { size: 1, invalid: 0xff },
  { size: 8, invalid: 2 ** 63 },
  { size: 8, invalid: 2 ** 64 },
  { size: 8, invalid: 0x0000000000000000 },
];
export const STRING = 0x07;
const BYTE = 0x0d;

/** The base type code of each profile field type (the SDK's `FIT.FieldTypeToBaseType`). */
export const FIELD_TYPE_BASE: Readonly<Record<string, number>> = {
  enum: 0x02,
  sint8: 0x01,
  uint8: 0x02,
  sint16: 0x03,
  uint16: 0x04,
  sint32: 0x05,
  uint32: 0x06,
  string: 0x07,
  float32: 0x08,
  float64: 0x09,
  uint8z: 0x0a,
  uint16z: 0x0b,
  uint32z: 0x0c,
  byte: 0x0d,
  sint64: 0x0e,
  uint64: 0x0f,
  uint64z: 0x10,
};

export const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'sint8',
  'uint8',
  'sint16',
  'uint16',
  'sint32',
  'uint32',
  'float32',
  'float64',
  'uint8z',
  'uint16z',
  'uint32z',
  'byte',
  'sint64',
  'uint64',
  'uint64z',
]);

const FIT_EPOCH_MS = 631065600000;
const DEVELOPER_DATA_ID = 207;
const FIELD_DESCRIPTION = 206;

export type Raw = number | bigint | string | null | Raw[];

/** One element of a base type, as the SDK's Stream reads it. */
export function readElement(view: DataView, at: number, baseType: number, le: boolean): number | bigint {
  switch (baseType) {
    case 0x01:
      return view.getInt8(at);
    case 0x03:
      return view.getInt16(at, le);
    case 0x04:
    case 0x0b:
      return view.getUint16(at, le);
    case 0x05:
      return view.getInt32(at, le);
    case 0x06:
    case 0x0c:
      return view.getUint32(at, le);
    case 0x08:
      return view.getFloat32(at, le);
    case 0x09:
      return view.getFloat64(at, le);
    case 0x0e:
      return view.getBigInt64(at, le);
    case 0x0f:
    case 0x10:
      return view.getBigUint64(at, le);
    default:
      return view.getUint8(at);
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * The SDK's `Stream.readValue` with invalid values turned into null: a value, an array (when
 * `isArray`, or in legacy mode for several elements), or null.
 */
export function readRawValue(
  view: DataView,
  at: number,
  baseType: number,
  size: number,
  le: boolean,
  isArray: boolean,
  legacy: boolean,
): Raw {
  const def = BASE_TYPES[baseType];
  if (def === undefined) return null;
  if (size % def.size !== 0) return null;
  if (baseType === STRING) {
    const bytes = new Uint8Array(view.buffer, view.byteOffset + at, size);
    const strings = textDecoder
      .decode(bytes)
      .replace(/\uFFFD/g, '')
      .split('\0');
    while (strings[strings.length - 1] === '') strings.pop();
    if (strings.length === 0) return null;
    if (legacy) return strings.length === 1 ? (strings[0] ?? null) : strings;
    return strings[0] ?? null;
  }
  const count = size / def.size;
  if (count === 1) {
    const value = readElement(view, at, baseType, le);
    if (value === def.invalid) return null;
    if (!legacy && !isArray) return value;
    return sanitize([value], legacy, isArray);
  }
  const values: Raw[] = new Array<Raw>(count);
  let allInvalid = true;
  for (let i = 0; i < count; i++) {
    const v = readElement(view, at + i * def.size, baseType, le);
    if (v !== def.invalid) allInvalid = false;
    values[i] = v === def.invalid && baseType !== BYTE ? null : v;
  }
  if (allInvalid) return null;
  return sanitize(values, legacy, isArray);
}

/** The SDK's `sanitizeValues`. */
function sanitize(values: Raw[], legacy: boolean, isArray: boolean): Raw {
  let any = false;
  for (let i = 0; i < values.length && !any; i++) any = values[i] !== null && values[i] !== undefined;
  if (!any) return null;
  if (legacy) return values.length === 1 ? (values[0] ?? null) : values;
  if (isArray) return values;
  return values[0] ?? null;
}

/** The SDK's accumulator for accumulated fields, by message and field number. */
export class Accumulator {
  private readonly fields = new Map<number, { acc: number; last: number }>();

  reset(mesgNum: number, fieldNum: number, value: number): void {
    this.fields.set(mesgNum * 256 + fieldNum, { acc: value, last: value });
  }

  accumulate(mesgNum: number, fieldNum: number, value: number, bits: number): number {
    const key = mesgNum * 256 + fieldNum;
    let f = this.fields.get(key);
    if (f === undefined) {
      f = { acc: value, last: value };
      this.fields.set(key, f);
    }
    f.acc += (value - f.last) & ((1 << bits) - 1);
    f.last = value;
    return f.acc;
  }
}

/** The SDK's BitStream over the elements of a raw value. */
class BitStream {
  private readonly data: Raw[];
  private readonly bitsPer: number;
  private readonly isBig: boolean;
  private started = false;
  private pos = 0;
  private current: number | bigint = 0;
  private bit = 0;
  bitsAvailable: number;

  constructor(data: Raw, baseType: number) {
    this.data = Array.isArray(data) ? data : [data];
    this.bitsPer = (BASE_TYPES[baseType]?.size ?? 1) * 8;
    this.isBig = this.bitsPer > 32;
    this.bitsAvailable = this.bitsPer * this.data.length;
  }

  private readBit(): number {
    if (!this.started) {
      this.started = true;
      this.pos = this.data.length - this.bitsAvailable / this.bitsPer;
      this.next();
    }
    if (this.bit >= this.bitsPer) this.next();
    let b: number;
    if (this.isBig) {
      const c = BigInt(this.current);
      b = Number(c & 1n);
      this.current = c >> 1n;
    } else {
      const c = this.current as number;
      b = c & 1;
      this.current = c >> 1;
    }
    this.bit++;
    this.bitsAvailable--;
    return b;
  }

  private next(): void {
    this.current = (this.data[this.pos++] as number | bigint | null) ?? 0;
    this.bit = 0;
  }

  readBits(n: number): number {
    if (n === this.bitsPer && !this.started) {
      const index = this.data.length - this.bitsAvailable / this.bitsPer;
      const value = this.data[index] as number | bigint | null;
      this.bitsAvailable -= n;
      if (this.isBig) return Number(BigInt.asUintN(n, BigInt(value ?? 0)));
      const v = (value as number | null) ?? 0;
      if (n < 32) return (v & ((1 << n) - 1)) >>> 0;
      return v >>> 0;
    }
    if (n <= 32 && !this.isBig) {
      // Bit by bit as the SDK reads them, taken a run of bits within one element at a time.
      let value = 0;
      let got = 0;
      while (got < n) {
        if (!this.started) {
          this.started = true;
          this.pos = this.data.length - this.bitsAvailable / this.bitsPer;
          this.next();
        }
        if (this.bit >= this.bitsPer) this.next();
        const take = Math.min(n - got, this.bitsPer - this.bit);
        const current = this.current as number;
        value |= (take >= 32 ? current >>> 0 : current & ((1 << take) - 1)) << got;
        this.current = take >= 32 ? 0 : current >> take;
        this.bit += take;
        this.bitsAvailable -= take;
        got += take;
      }
      return value >>> 0;
    }
    if (n <= 32) {
      let value = 0;
      for (let i = 0; i < n; i++) value |= this.readBit() << i;
      return value >>> 0;
    }
    let value = 0n;
    for (let i = 0n; i < BigInt(n); i++) value |= BigInt(this.readBit()) << i;
    return Number(value);
  }
}

/** A field of a message being decoded: its raw value, and its final value once expanded. */
export interface Entry {
  raw: Raw;
  num: number;
  value?: unknown;
  isSubField?: boolean;
  expanded?: boolean;
}

function isInvalidOnly(raw: Raw, invalid: number): boolean {
  if (Array.isArray(raw)) return raw.every((v) => v === invalid);
  return raw === invalid;
}

function scalarOr(x: number | number[], fallback: number): number {
  return Array.isArray(x) ? (x[0] ?? fallback) : x;
}

function scalar(x: number | number[]): number {
  return Array.isArray(x) ? (x[0] ?? 1) : x;
}

function transform(global: number, field: ProfileField | ProfileSubField | undefined, raw: Raw): unknown {
  if (field === undefined) return raw;
  const keepRaw = global === DEVELOPER_DATA_ID || global === FIELD_DESCRIPTION;
  if (NUMERIC_TYPES.has(field.type)) {
    if (keepRaw || raw === null) return raw;
    if (Array.isArray(field.scale) && field.scale.length > 1) return raw;
    const scale = scalar(field.scale);
    const offset = Array.isArray(field.offset) ? (field.offset[0] ?? 0) : field.offset;
    if (!Array.isArray(raw)) return typeof raw === 'number' ? raw / scale - offset : raw;
    const out: unknown[] = new Array<unknown>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      out[i] = typeof v === 'number' ? v / scale - offset : v;
    }
    return out;
  }
  if (field.type === 'string') return raw;
  if (field.type === 'dateTime') return new Date(((raw as number | null) ?? 0) * 1000 + FIT_EPOCH_MS);
  return typeToString(global, field, raw);
}

/** An enum value's profile name; the value itself when the type has no name for it. */
function nameOf(type: Record<number, string> | undefined, v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'bigint' ? (type?.[Number(v)] ?? v) : v;
}

function typeToString(global: number, field: ProfileField | ProfileSubField, raw: unknown): unknown {
  if (global === DEVELOPER_DATA_ID || global === FIELD_DESCRIPTION) return raw;
  if (NUMERIC_TYPES.has(field.type)) return raw;
  const type: Record<number, string> | undefined = Profile.types[field.type];
  if (!Array.isArray(raw)) return nameOf(type, raw);
  const out: unknown[] = new Array<unknown>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    out[i] = v === null ? v : nameOf(type, v);
  }
  return out;
}

function subFieldNamed(main: ProfileField | undefined, name: string): ProfileSubField | undefined {
  if (main === undefined) return undefined;
  for (const sub of main.subFields) if (sub.name === name) return sub;
  return undefined;
}

/** One field of a definition message, and its offset in the data message's fields. */
export interface DefinedField {
  readonly num: number;
  readonly size: number;
  readonly baseType: number;
  readonly at: number;
}

/**
 * Decodes one data message's profile fields (not developer fields) into the SDK's message shape.
 * `at` is the offset of its first field byte; `fields` may leave out fields that affect none of
 * those wanted (see `fieldsAffecting`).
 */
export function decodeProfileMessage(
  view: DataView,
  at: number,
  global: number,
  profile: ProfileMesg,
  fields: readonly DefinedField[],
  le: boolean,
  accumulator: Accumulator,
): FitMessage {
  const pf = profile.fields;
  const message = new Map<string, Entry>();
  const withSubFields: string[] = [];
  const toExpand: string[] = [];
  for (const fd of fields) {
    const field = pf[fd.num];
    const size = BASE_TYPES[fd.baseType]?.size ?? 1;
    const raw = readRawValue(
      view,
      at + fd.at,
      fd.baseType,
      fd.size,
      le,
      field?.array ?? fd.size > size,
      false,
    );
    if (raw === null || field === undefined) continue;
    message.set(field.name, { raw, num: fd.num });
    if (field.subFields.length > 0) withSubFields.push(field.name);
    if (field.hasComponents) toExpand.push(field.name);
    if (field.isAccumulated) {
      for (const containing of message.values()) {
        for (const c of pf[containing.num]?.components ?? []) {
          // The SDK throws here (it reads a component scale off the message entry, which has none).
          if (pf[Number(c)]?.num === field.num && pf[Number(c)]?.isAccumulated)
            throw new TypeError('accumulated field after its component source');
        }
      }
      const values = Array.isArray(raw) ? raw : [raw];
      for (const value of values) accumulator.reset(global, field.num, value as number);
    }
  }

  if (global !== DEVELOPER_DATA_ID && global !== FIELD_DESCRIPTION) {
    for (const name of withSubFields) {
      const src = message.get(name);
      const field = src === undefined ? undefined : pf[src.num];
      if (src === undefined || field === undefined) continue;
      for (const sub of field.subFields) {
        for (const map of sub.map) {
          const ref = message.get(map.name);
          if (ref === undefined) continue;
          if (ref.raw === map.value) {
            const raw = Array.isArray(src.raw) ? [...src.raw] : src.raw;
            message.set(sub.name, { raw, num: src.num, isSubField: true });
            if (sub.hasComponents) toExpand.push(sub.name);
            break;
          }
        }
      }
    }
    expandComponents(global, pf, message, toExpand, accumulator);
  }

  const out: FitMessage = {};
  for (const [name, entry] of message) {
    if (entry.expanded) {
      out[name] = entry.value;
      continue;
    }
    const main: ProfileField | undefined = pf[entry.num];
    const field: ProfileField | ProfileSubField | undefined = entry.isSubField
      ? subFieldNamed(main, name)
      : main;
    out[name] = field === undefined ? entry.raw : transform(global, field, entry.raw);
  }
  return out;
}

/**
 * The SDK's component expansion: expands the fields named in `toExpand` (in that order) into
 * their component targets, accumulating where the profile says so, and adds the targets to
 * `message` with `expanded` set and their final `value`.
 */
export function expandComponents(
  global: number,
  pf: Record<number, ProfileField>,
  message: Map<string, Entry>,
  toExpand: string[],
  accumulator: Accumulator,
): void {
  if (toExpand.length === 0) return;
  const mesg = new Map<string, { values: unknown[]; raws: Raw[]; num: number; isArray: boolean }>();
  while (toExpand.length > 0) {
    const name = toExpand.shift() ?? '';
    const m = message.get(name);
    const e = m ?? mesg.get(name);
    if (e === undefined) continue;
    const raw: Raw = m !== undefined ? m.raw : (e as { raws: Raw[] }).raws;
    const main: ProfileField | undefined = pf[e.num];
    const field: ProfileField | ProfileSubField | undefined = m?.isSubField
      ? subFieldNamed(main, name)
      : main;
    if (field === undefined) continue;
    const baseType = FIELD_TYPE_BASE[field.type];
    if (!field.hasComponents || baseType === undefined) continue;
    if (isInvalidOnly(raw, BASE_TYPES[baseType]?.invalid ?? NaN)) continue;
    const bits = new BitStream(raw, baseType);
    for (let j = 0; j < field.components.length; j++) {
      const nbits = field.bits[j] ?? 0;
      if (bits.bitsAvailable < nbits) break;
      const target = pf[Number(field.components[j])];
      if (target === undefined) throw new TypeError('component target missing from the profile');
      let t = mesg.get(target.name);
      if (t === undefined) {
        t = { values: [], raws: [], num: target.num, isArray: target.array };
        mesg.set(target.name, t);
      }
      const tBase = FIELD_TYPE_BASE[target.type];
      const invalid = tBase !== undefined ? (BASE_TYPES[tBase]?.invalid ?? 0xff) : 0xff;
      let value = bits.readBits(nbits);
      if (target.isAccumulated) value = accumulator.accumulate(global, target.num, value, nbits);
      // A scalar scale or offset has no j-th element: NaN, as in the SDK.
      const scales = field.scale;
      const offsets = field.offset;
      value =
        value / (Array.isArray(scales) ? (scales[j] ?? NaN) : NaN) -
        (Array.isArray(offsets) ? (offsets[j] ?? NaN) : NaN);
      // The target's raw value, as the SDK derives it, except that the SDK adds a profile array
      // offset by string concatenation (1 m/s of compressed speed becomes 10 m/s of enhanced
      // speed) and truncates 569.99… to 569 when the raw value feeds a further expansion: here
      // the profile's numbers are used and the raw value is rounded.
      const rawScaled = Math.round((value + scalarOr(target.offset, 0)) * scalarOr(target.scale, 1));
      t.raws.push(rawScaled);
      if (rawScaled === invalid) t.values.push(null);
      else t.values.push(typeToString(global, target, value));
      if (target.hasComponents) toExpand.push(target.name);
      if (bits.bitsAvailable <= 0) break;
    }
  }
  for (const [name, t] of mesg) {
    const value = sanitize(t.values as Raw[], false, t.isArray);
    message.set(name, { raw: sanitize(t.raws, false, t.isArray), num: t.num, value, expanded: true });
  }
}

/**
 * The numbers of the fields of a message that can affect the fields `names`: the fields
 * themselves, the fields whose sub-fields or components (at any depth) give them, and the fields
 * that select those sub-fields. Decoding only these gives the same values for `names`.
 */
export function fieldsAffecting(profile: ProfileMesg, names: Iterable<string>): Set<number> {
  const wanted = new Set(names);
  const nums = new Set<number>();
  const fields = Object.values(profile.fields);
  const givesWanted = (components: readonly string[]): boolean =>
    components.some((c) => wanted.has(profile.fields[Number(c)]?.name ?? ''));
  for (let changed = true; changed;) {
    changed = false;
    for (const f of fields) {
      if (nums.has(f.num)) continue;
      const affects =
        wanted.has(f.name) ||
        givesWanted(f.components) ||
        f.subFields.some((s) => wanted.has(s.name) || givesWanted(s.components));
      if (!affects) continue;
      nums.add(f.num);
      wanted.add(f.name);
      for (const s of f.subFields) for (const m of s.map) wanted.add(m.name);
      changed = true;
    }
  }
  return nums;
}
