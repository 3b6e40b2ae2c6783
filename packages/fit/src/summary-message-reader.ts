import { Profile } from '@garmin/fitsdk';
import type { ProfileField, ProfileMesg, ProfileSubField } from '@garmin/fitsdk';
import type { Accumulator, DefinedField, Raw } from './profile-message.ts';
import type { Kind, Spec } from './summary-messages.ts';
import { readValue } from './summary-messages.ts';
import {
  BASE_TYPES,
  FIELD_TYPE_BASE,
  NUMERIC_TYPES,
  STRING,
  readElement,
  readRawValue,
} from './profile-message.ts';

/**
 * Summary messages (sessions, laps, events, device info, hr, ...) read through a plan prepared
 * once per definition: the same values `decodeProfileMessage` gives the fields a summary spec
 * names, with the SDK Decoder's rules (invalid values, arrays, sub-fields chosen by their
 * reference fields, components with accumulation, scale and offset, enum names, dates), but with
 * every decision that depends only on the definition and the profile taken when the plan is
 * made: no map per message, no bit stream object, no profile lookup by name. The reader makes
 * the summary itself (`summaryOf` of the message `decodeProfileMessage` would give), so no
 * SDK-shaped message is made on the way. A definition the
 * plan does not cover (accumulated fields read directly, 64-bit or string component sources,
 * chained components, names that collide) gets no reader, and the message is decoded by
 * `decodeProfileMessage` instead.
 */

/**
 * Reads the message whose first field byte is at `at` into its summary: the spec's fields, each
 * value as `summaryOf` makes it from the message the SDK gives. `timestampMs` is the time of a
 * compressed timestamp header (Unix ms), which replaces the message's timestamp; NaN for none.
 */
export type SummaryReader = (
  view: DataView,
  at: number,
  accumulator: Accumulator,
  timestampMs: number,
) => Record<string, unknown>;

const FIT_EPOCH_MS = 631065600000;

/** A defined field: how its raw value is read. */
interface Source {
  readonly at: number;
  readonly baseType: number;
  readonly size: number;
  readonly isArray: boolean;
  /** A single element read as a number (else `readRawValue`). */
  readonly single: boolean;
  readonly invalid: number;
}

/** A sub-field, selected when one of its reference fields has the raw value its map names. */
interface SubFieldPlan {
  readonly source: number;
  readonly refs: readonly { readonly ref: number; readonly value: number }[];
}

/** One component of a component source, expanded into target slot `slot`. */
interface ComponentPlan {
  readonly bits: number;
  readonly slot: number;
  readonly accumulate: boolean;
  readonly targetNum: number;
  readonly scale: number;
  readonly offset: number;
  readonly targetOffset: number;
  readonly targetScale: number;
  readonly targetInvalid: number;
  readonly convert: (value: number) => unknown;
  /** The target is numeric: `convert` returns the value as it is. */
  readonly numeric: boolean;
  /** The component's first bit in the source's elements (the bits of the components before it). */
  readonly pos: number;
  /** The element holding all its bits, or -1 when they span two. */
  readonly element: number;
  /**
   * Where its bits are when they span elements: for each element in turn, its index, the first
   * bit taken from it and how many bits are taken (`bitsAt`'s steps, worked out once).
   */
  readonly steps: Int32Array;
}

/** A field (or selected sub-field) whose components are expanded, in the SDK's order. */
interface ExpansionPlan {
  readonly source: number;
  /** The sub-field whose selection it needs, or -1 for a main field. */
  readonly subField: number;
  readonly width: number;
  readonly invalid: number;
  readonly components: readonly ComponentPlan[];
}

/** Where a spec name's value comes from. */
interface OutputPlan {
  readonly name: string;
  /** Expansion target slot, or -1. */
  readonly slot: number;
  readonly targetArray: boolean;
  /** The main field's source, or -1. */
  readonly source: number;
  /** The sub-field giving it (its source is `source`), or -1. */
  readonly subField: number;
  /** The summary's value of a raw value: `summaryOf`'s reading of the SDK's value of it. */
  readonly read: (raw: Raw) => unknown;
  /** The summary's value of an SDK value (also of none: undefined). */
  readonly kind: (value: unknown) => unknown;
}

class Unsupported extends Error {}

function scalarOr(x: number | number[], fallback: number): number {
  return Array.isArray(x) ? (x[0] ?? fallback) : x;
}

/**
 * A function that makes a summary with the spec's names in its order from their values by
 * position: an object literal whose names are constants, much cheaper per message than storing
 * each value by a computed name, and one shape for every summary of a kind.
 */
function summaryOfValues(names: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  // The names are a summary spec's field names (source code), never bytes from a file.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function(
    `return (v) => ({ ${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')} });`,
  ) as () => (values: readonly unknown[]) => Record<string, unknown>;
  return make();
}

/** `transform` of profile-message for one field, with its decisions taken once. */
function converterOf(global: number, field: ProfileField | ProfileSubField): (raw: Raw) => unknown {
  const keepRaw = global === 207 || global === 206;
  if (NUMERIC_TYPES.has(field.type)) {
    if (keepRaw || (Array.isArray(field.scale) && field.scale.length > 1)) return (raw) => raw;
    const scale = scalarOr(field.scale, 1);
    const offset = Array.isArray(field.offset) ? (field.offset[0] ?? 0) : field.offset;
    return (raw) => {
      if (typeof raw === 'number') return raw / scale - offset;
      if (!Array.isArray(raw)) return raw;
      const out: unknown[] = new Array<unknown>(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const v = raw[i];
        out[i] = typeof v === 'number' ? v / scale - offset : v;
      }
      return out;
    };
  }
  if (field.type === 'string') return (raw) => raw;
  if (field.type === 'dateTime')
    return (raw) => new Date(((raw as number | null) ?? 0) * 1000 + FIT_EPOCH_MS);
  if (keepRaw) return (raw) => raw;
  const type: Record<number, string> | undefined = Profile.types[field.type];
  const nameOf = (v: unknown): unknown =>
    typeof v === 'number' || typeof v === 'bigint' ? (type?.[Number(v)] ?? v) : v;
  return (raw) => {
    if (!Array.isArray(raw)) return nameOf(raw);
    const out: unknown[] = new Array<unknown>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v: unknown = raw[i];
      out[i] = v === null ? v : nameOf(v);
    }
    return out;
  };
}

/**
 * The summary's value (ms since the Unix epoch, or null) of a raw date_time value: what
 * `readValue.time` gives for the SDK's Date of it, without making the Date. A Date's time is
 * TimeClip of the number: NaN beyond 8.64e15 ms either way, else the number truncated (never -0).
 */
function timeOfRaw(raw: Raw): number | null {
  const ms = ((raw as number | null) ?? 0) * 1000 + FIT_EPOCH_MS;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? Math.trunc(ms) + 0 : null;
}

/** How the summary reads a raw value of `field`, of kind `kind`, that `convert` makes the SDK's value. */
function summaryReaderOf(
  kind: Kind,
  field: ProfileField | ProfileSubField | undefined,
  convert: (raw: Raw) => unknown,
): (raw: Raw) => unknown {
  const read = readValue[kind];
  if (kind === 'time' && field?.type === 'dateTime') return timeOfRaw;
  return (raw) => read(convert(raw));
}

/** `typeToString` of profile-message for an expanded value of `target`. */
function targetConverterOf(global: number, target: ProfileField): (value: number) => unknown {
  if (NUMERIC_TYPES.has(target.type) || global === 207 || global === 206) return (v) => v;
  const type: Record<number, string> | undefined = Profile.types[target.type];
  return (v) => type?.[v] ?? v;
}

/**
 * How `bits` bits (at most 32) from bit `pos` on are read over elements `width` bits wide, low
 * bits first: (element index, first bit in it, bits taken) for each element they touch.
 */
function bitSteps(width: number, pos: number, bits: number): Int32Array {
  const steps: number[] = [];
  let got = 0;
  while (got < bits) {
    const index = Math.floor(pos / width);
    const bit = pos - index * width;
    const take = Math.min(bits - got, width - bit);
    steps.push(index, bit, take);
    got += take;
    pos += take;
  }
  return Int32Array.from(steps);
}

/** The value of the bits `steps` (from `bitSteps`) say where to find in `elements` (null: the scalar `raw`). */
function bitsAt(elements: readonly Raw[] | null, raw: Raw, steps: Int32Array): number {
  let value = 0;
  let got = 0;
  for (let s = 0; s < steps.length; s += 3) {
    const index = steps[s] as number;
    const take = steps[s + 2] as number;
    const element = elements === null ? (index === 0 ? raw : undefined) : elements[index];
    const e = ((element as number | null | undefined) ?? 0) >>> (steps[s + 1] as number);
    value |= (take >= 32 ? e : e & ((1 << take) - 1)) << got;
    got += take;
  }
  return value >>> 0;
}

/**
 * Prepares the reader of one summary message definition: `fields` are its defined fields (those
 * that affect the spec's names, see `fieldsAffecting`), `spec` the summary it makes. Returns
 * null for a definition the plan does not cover.
 */
export function compileSummaryReader(
  global: number,
  profile: ProfileMesg,
  fields: readonly DefinedField[],
  le: boolean,
  spec: Spec,
): SummaryReader | null {
  try {
    return prepare(global, profile, fields, le, spec);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function prepare(
  global: number,
  profile: ProfileMesg,
  fields: readonly DefinedField[],
  le: boolean,
  spec: Spec,
): SummaryReader {
  const names = Object.keys(spec);
  const pf = profile.fields;
  const sources: Source[] = [];
  const mainFields: ProfileField[] = [];
  const sourceOfName = new Map<string, number>();
  for (const fd of fields) {
    const field = pf[fd.num];
    const base = BASE_TYPES[fd.baseType];
    if (field === undefined || base === undefined) throw new Unsupported();
    if (sourceOfName.has(field.name)) throw new Unsupported(); // a field defined twice
    if (field.isAccumulated) throw new Unsupported();
    if (fd.size % base.size !== 0) continue; // never read
    const isArray = field.array;
    const single = fd.baseType !== STRING && base.size <= 4 && fd.size === base.size && !isArray;
    if (!single && fd.baseType !== STRING && base.size > 4) throw new Unsupported();
    sourceOfName.set(field.name, sources.length);
    sources.push({ at: fd.at, baseType: fd.baseType, size: fd.size, isArray, single, invalid: base.invalid });
    mainFields.push(field);
  }
  const keepRaw = global === 207 || global === 206;
  const mainNames = new Set(Object.values(pf).map((f) => f.name));

  // Sub-fields, in the SDK's order: by field, then by the profile's order of sub-fields.
  const subFields: SubFieldPlan[] = [];
  const subFieldDefs: ProfileSubField[] = [];
  const subOfName = new Map<string, number>();
  if (!keepRaw)
    mainFields.forEach((field, source) => {
      for (const sub of field.subFields) {
        if (sourceOfName.has(sub.name) || subOfName.has(sub.name)) throw new Unsupported();
        const refs: { ref: number; value: number }[] = [];
        for (const map of sub.map) {
          if (!mainNames.has(map.name)) throw new Unsupported();
          const ref = sourceOfName.get(map.name);
          if (ref !== undefined) refs.push({ ref, value: map.value });
        }
        subOfName.set(sub.name, subFields.length);
        subFields.push({ source, refs });
        subFieldDefs.push(sub);
      }
    });

  // Component expansions: main fields first (definition order), then sub-fields (selection order).
  const slots = new Map<string, { slot: number; field: ProfileField }>();
  const slotNames: string[] = [];
  const expansions: ExpansionPlan[] = [];
  const addExpansion = (source: number, subField: number, field: ProfileField | ProfileSubField): void => {
    if (keepRaw || !field.hasComponents) return;
    const baseType = FIELD_TYPE_BASE[field.type];
    if (baseType === undefined) return; // the SDK skips it
    const base = BASE_TYPES[baseType];
    const src = sources[source];
    if (base === undefined || src === undefined) throw new Unsupported();
    const srcIsNumber = src.baseType !== STRING && src.baseType !== 0x08 && src.baseType !== 0x09;
    if (base.size > 4 || baseType === STRING || baseType === 0x08 || !srcIsNumber) throw new Unsupported();
    const width = base.size * 8;
    let pos = 0;
    const components: ComponentPlan[] = field.components.map((c, j) => {
      const target = pf[Number(c)];
      const bits = field.bits[j] ?? 0;
      const at = pos;
      pos += bits;
      if (target === undefined || target.hasComponents || bits > 32) throw new Unsupported();
      if (subOfName.has(target.name)) throw new Unsupported();
      let slot = slots.get(target.name);
      if (slot === undefined) {
        slot = { slot: slots.size, field: target };
        slots.set(target.name, slot);
        slotNames.push(target.name);
      }
      const tBase = FIELD_TYPE_BASE[target.type];
      return {
        bits,
        slot: slot.slot,
        accumulate: target.isAccumulated,
        targetNum: target.num,
        // A scalar scale or offset has no j-th element: NaN, as in the SDK.
        scale: Array.isArray(field.scale) ? (field.scale[j] ?? NaN) : NaN,
        offset: Array.isArray(field.offset) ? (field.offset[j] ?? NaN) : NaN,
        targetOffset: scalarOr(target.offset, 0),
        targetScale: scalarOr(target.scale, 1),
        targetInvalid: tBase !== undefined ? (BASE_TYPES[tBase]?.invalid ?? 0xff) : 0xff,
        convert: targetConverterOf(global, target),
        numeric: NUMERIC_TYPES.has(target.type) || global === 207 || global === 206,
        pos: at,
        element: Math.floor(at / width) === Math.floor((at + bits - 1) / width) ? Math.floor(at / width) : -1,
        steps: bitSteps(width, at, bits),
      };
    });
    // An expansion whose targets the spec does not name and that accumulates nothing changes nothing.
    const wanted = components.some((c) => c.accumulate || names.includes(slotNames[c.slot] ?? ''));
    if (wanted) expansions.push({ source, subField, width, invalid: base.invalid, components });
  };
  mainFields.forEach((field, source) => addExpansion(source, -1, field));
  subFieldDefs.forEach((sub, k) => addExpansion(subFields[k]?.source ?? -1, k, sub));

  const outputs: OutputPlan[] = names.map((name): OutputPlan => {
    const source = sourceOfName.get(name);
    const sub = subOfName.get(name);
    const slot = slots.get(name);
    const main = source === undefined ? undefined : mainFields[source];
    const subDef = sub === undefined ? undefined : subFieldDefs[sub];
    const field = subDef ?? main;
    return {
      name,
      slot: slot?.slot ?? -1,
      targetArray: slot?.field.array ?? false,
      source: sub !== undefined ? (subFields[sub]?.source ?? -1) : (source ?? -1),
      subField: sub ?? -1,
      read: summaryReaderOf(
        spec[name] as Kind,
        field,
        field === undefined ? (raw: Raw) => raw : converterOf(global, field),
      ),
      kind: readValue[spec[name] as Kind],
    };
  });

  const newSummary = summaryOfValues(names);
  const outValues: unknown[] = names.map(() => undefined);
  const timestampAt = names.indexOf('timestamp');
  const timestampKind = readValue[spec.timestamp ?? 'time'];
  const raws: (Raw | undefined)[] = new Array<Raw | undefined>(sources.length);
  const selected = new Uint8Array(subFields.length);
  // Only sub-fields the spec names or whose expansion counts need choosing.
  const choose = subFields
    .map((_, k) => k)
    .filter((k) => names.includes(subFieldDefs[k]?.name ?? '') || expansions.some((e) => e.subField === k));
  const slotValues: (unknown[] | undefined)[] = new Array<unknown[] | undefined>(slots.size);

  return (view, at, accumulator, timestampMs) => {
    for (let k = 0; k < sources.length; k++) {
      const s = sources[k] as Source;
      if (s.single) {
        const v = readElement(view, at + s.at, s.baseType, le) as number;
        raws[k] = v === s.invalid ? undefined : v;
      } else {
        const raw = readRawValue(view, at + s.at, s.baseType, s.size, le, s.isArray, false);
        raws[k] = raw === null ? undefined : raw;
      }
    }
    for (const i of choose) {
      const sub = subFields[i] as SubFieldPlan;
      let on = 0;
      if (raws[sub.source] !== undefined)
        for (const { ref, value } of sub.refs)
          if (raws[ref] === value) {
            on = 1;
            break;
          }
      selected[i] = on;
    }
    for (let k = 0; k < slotValues.length; k++) slotValues[k] = undefined;
    for (const e of expansions) {
      if (e.subField >= 0 && selected[e.subField] === 0) continue;
      const raw = raws[e.source];
      if (raw === undefined) continue;
      // A scalar source is one element: read in place, with no array made for it.
      const elements: readonly Raw[] | null = Array.isArray(raw) ? raw : null;
      const count = elements === null ? 1 : elements.length;
      let allInvalid = true;
      if (elements === null) allInvalid = raw === e.invalid;
      else for (let i = 0; i < count && allInvalid; i++) allInvalid = elements[i] === e.invalid;
      if (allInvalid) continue;
      const total = e.width * count;
      for (const c of e.components) {
        const available = total - c.pos;
        if (available < c.bits) break;
        let value: number;
        if (c.element >= 0) {
          // All its bits in one element: bitsAt's single step.
          const element = elements === null ? raw : elements[c.element];
          const x = ((element as number | null | undefined) ?? 0) >>> (c.pos - c.element * e.width);
          value = (c.bits >= 32 ? x : x & ((1 << c.bits) - 1)) >>> 0;
        } else value = bitsAt(elements, raw, c.steps);
        if (c.accumulate) value = accumulator.accumulate(global, c.targetNum, value, c.bits);
        value = value / c.scale - c.offset;
        const rawScaled = Math.round((value + c.targetOffset) * c.targetScale);
        let values = slotValues[c.slot];
        if (values === undefined) {
          values = [];
          slotValues[c.slot] = values;
        }
        values.push(rawScaled === c.targetInvalid ? null : c.numeric ? value : c.convert(value));
        if (available - c.bits <= 0) break;
      }
    }
    // Every summary of the plan has the same shape: the spec's names, in its order.
    for (let j = 0; j < outputs.length; j++) {
      const o = outputs[j] as OutputPlan;
      const values = o.slot >= 0 ? slotValues[o.slot] : undefined;
      if (values !== undefined) {
        // The SDK's sanitizeValues of the expanded values.
        let any = false;
        for (let i = 0; i < values.length && !any; i++) any = values[i] !== null && values[i] !== undefined;
        outValues[j] = o.kind(!any ? null : o.targetArray ? values : (values[0] ?? null));
        continue;
      }
      const selectedRaw =
        o.source < 0 || (o.subField >= 0 && selected[o.subField] === 0) ? undefined : raws[o.source];
      outValues[j] = selectedRaw === undefined ? o.kind(undefined) : o.read(selectedRaw);
    }
    if (timestampMs === timestampMs && timestampAt >= 0)
      outValues[timestampAt] = timestampKind(new Date(timestampMs));
    return newSummary(outValues);
  };
}
