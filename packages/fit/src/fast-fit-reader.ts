import { Profile } from '@garmin/fitsdk';
import type { ProfileField, ProfileMesg } from '@garmin/fitsdk';
import type { DecodedSegment } from './decoded-fit.ts';
import { recordFieldNames } from './decoded-fit.ts';
import type { FitMessage } from './fit-messages.ts';
import type { DefinedField, Entry } from './profile-message.ts';
import {
  Accumulator,
  BASE_TYPES,
  FIELD_TYPE_BASE,
  NUMERIC_TYPES,
  STRING,
  decodeProfileMessage,
  expandComponents,
  fieldsAffecting,
  readElement,
  readRawValue,
} from './profile-message.ts';
import { scanRecordMessages } from './count-fit-messages.ts';
import { RecordColumnsBuilder } from './record-columns.ts';
import type {
  CompiledRecordReader,
  CompressedSpeedDistanceCode,
  DeveloperFieldCode,
  ExpansionCode,
  PendingAccumulations,
  RecordCodePlan,
} from './record-reader-code.ts';
import { compileRecordReader, developerFieldValue, flushPending, setPending } from './record-reader-code.ts';
import type { SummaryReader } from './summary-message-reader.ts';
import { compileSummaryReader } from './summary-message-reader.ts';
import {
  activitySpec,
  deviceInfoSpec,
  eventSpec,
  fieldDescriptionSpec,
  fileCreatorSpec,
  fileIdSpec,
  hrSpec,
  lapSpec,
  sessionSpec,
  sportSpec,
  summaryOf,
} from './summary-messages.ts';

/**
 * The fast FIT reader: one pass over a segment's data area with a plan compiled from
 * `@garmin/fitsdk`'s `Profile` for every definition message, reading record fields straight
 * from the bytes into the `DecodedFit` columns (no object per record). It reproduces the SDK
 * Decoder's values exactly (scale and offset, invalid values, arrays, speed and altitude expanded
 * into their enhanced fields, developer fields keyed as the SDK keys them) and also reads what
 * the SDK cannot: compressed-timestamp headers, and data areas whose header declared no size.
 *
 * The few non-record messages `DecodedFit` keeps are decoded one by one with the SDK's rules
 * (`decodeProfileMessage`); every other message is skipped without being decoded. Anything the
 * plans do not cover (compressed speed/distance, sub-fields or components feeding a record column
 * in unusual ways, unknown base types, 64-bit timestamps, any case where the SDK would throw)
 * makes the reader decline the segment, and `decodeSegment` falls back to the SDK Decoder.
 */

export interface FastSegmentResult {
  readonly decoded: DecodedSegment;
  /** Why reading stopped before the end of the data area, or null. */
  readonly error: string | null;
  readonly messageCount: number;
  readonly recordCount: number;
}

/** Thrown inside the reader when a segment needs the SDK Decoder; never escapes `readSegmentFast`. */
class Decline extends Error {}

const RECORD = 20;
const DEVELOPER_DATA_ID = 207;
const FIELD_DESCRIPTION = 206;
const TIMESTAMP = 253;
const FIT_EPOCH_MS = 631065600000;

type SummaryKey = Exclude<keyof DecodedSegment, 'records'>;
type SummarySpec = Parameters<typeof summaryOf>[0];

/** The summary messages DecodedFit keeps, in its order: global message number, list, spec. */
export const SUMMARIES: readonly (readonly [number, SummaryKey, SummarySpec])[] = [
  [0, 'fileIds', fileIdSpec],
  [49, 'fileCreators', fileCreatorSpec],
  [34, 'activities', activitySpec],
  [12, 'sports', sportSpec],
  [18, 'sessions', sessionSpec],
  [19, 'laps', lapSpec],
  [21, 'events', eventSpec],
  [23, 'deviceInfos', deviceInfoSpec],
  [132, 'hr', hrSpec],
  [FIELD_DESCRIPTION, 'fieldDescriptions', fieldDescriptionSpec],
];

/** Non-record messages DecodedFit keeps (and those needed to read developer fields). */
const KEPT: ReadonlySet<number> = new Set([...SUMMARIES.map(([global]) => global), DEVELOPER_DATA_ID]);

/**
 * Per kept message, the fields that affect the DecodedFit summary (all fields for developer
 * data, whose messages the reader itself reads).
 */
const wantedFields = new Map<number, ReadonlySet<number>>(
  SUMMARIES.filter(([global]) => global !== FIELD_DESCRIPTION).map(([global, , spec]) => {
    const profile = Profile.messages[global];
    return [global, profile === undefined ? new Set<number>() : fieldsAffecting(profile, Object.keys(spec))];
  }),
);

const KIND_SKIP = 0;
const KIND_RECORD = 1;
const KIND_PROFILE = 2;

const columnIndex = new Map<string, number>(recordFieldNames.map((n, i) => [n, i]));
const TIMESTAMP_COLUMN = columnIndex.get('timestamp') ?? -1;

interface DevFieldDef {
  readonly num: number;
  readonly size: number;
  readonly devIndex: number;
}

interface DevResolved {
  readonly key: number;
  readonly baseType: number;
}

/** What a data message of one local message type looks like, and how to read it. */
interface Plan {
  readonly kind: number;
  readonly global: number;
  readonly profile: ProfileMesg | undefined;
  readonly le: boolean;
  /** Bytes after the record header. */
  readonly size: number;
  /** The fields decoded for a kept non-record message: those that affect what DecodedFit keeps. */
  readonly fields: readonly DefinedField[];
  /** The timestamp field (for compressed timestamps): offset, base type, or -1. */
  readonly tsAt: number;
  readonly tsType: number;
  // Record columns read directly: offset, base type, column, scale, offset (NaN: a timestamp).
  readonly stepAt: Int32Array;
  readonly stepType: Uint8Array;
  readonly stepCol: Int32Array;
  readonly stepScale: Float64Array;
  readonly stepOffset: Float64Array;
  /** Multi-element fields feeding a column: read with the SDK's array rules. */
  readonly multi: readonly { at: number; baseType: number; size: number; col: number; field: ProfileField }[];
  /** A field expanded into another column (speed → enhanced speed, altitude → enhanced altitude). */
  readonly expand: readonly ExpansionCode[];
  /**
   * Every field with components, when one of them needs the SDK's general expansion (compressed
   * speed/distance): expanded per record with `expandComponents`.
   */
  readonly components: readonly ComponentSource[];
  /** Accumulated fields read directly: each value restarts the SDK's accumulator for the field. */
  readonly accumulated: readonly { at: number; baseType: number; num: number }[];
  readonly devFields: readonly DevFieldDef[];
  /** Offset of the first developer field. */
  readonly devAt: number;
  /** A record plan compiled to code (null: not a record plan, or one that needs general components). */
  readonly compiled: CompiledRecordReader | null;
  /** What `compiled` was compiled from, to compile it again with developer fields resolved. */
  readonly code: RecordCodePlan | null;
  /** `code` compiled with developer fields, by their resolution (see `compiledWithDeveloperFields`). */
  readonly withDeveloperFields: Map<string, CompiledRecordReader>;
  /**
   * For a message a run of records may step over (see `RecordRunReader`): its length, header
   * included, times 2, plus 1 when it counts among the segment's messages; 0 for any other.
   */
  readonly skip: number;
  /** `skip` for a segment without compressed-timestamp headers: messages with a timestamp too. */
  readonly skipAny: number;
  /** The index of the message's list in `SUMMARIES`, or -1. */
  readonly summaryIndex: number;
  /** A kept summary message's prepared reader (null: decoded by `decodeProfileMessage`). */
  readonly summary: SummaryReader | null;
}

/** A compiled plan and the definition bytes it was compiled from. */
interface CachedPlan {
  readonly plan: Plan;
  /** The definition message's bytes after its header and reserved byte. */
  readonly key: Uint8Array;
  readonly hasDev: boolean;
}

/** A local message type as currently defined: its plan, and its developer fields resolved. */
interface Local {
  readonly plan: Plan;
  readonly cached: CachedPlan;
  devVersion: number;
  devResolved: (DevResolved | null)[];
  /** The plan's code with its developer fields as currently resolved (null: not compiled yet). */
  devCompiled: CompiledRecordReader | null;
}

/**
 * Plans by a hash of the bytes of their definition message (each bucket compared byte by byte).
 * A plan depends on nothing else, so it serves every file; devices that write a definition before
 * every message (Suunto) compile once.
 */
const planCache = new Map<number, CachedPlan[]>();
let cachedPlans = 0;
const PLAN_CACHE_LIMIT = 4096;

/** FNV-1a over `bytes[from, to)`, with the developer-field flag. */
function definitionHash(bytes: Uint8Array, from: number, to: number, hasDev: boolean): number {
  let h = hasDev ? 0x811c9dc5 : 0x050c5d1f;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 16777619);
  return h;
}

/** The cached plan for the definition whose bytes after the reserved byte are `bytes[from, to)`. */
function cachedPlan(
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  end: number,
  hasDev: boolean,
): CachedPlan {
  const from = pos + 2;
  const hash = definitionHash(bytes, from, end, hasDev);
  let bucket = planCache.get(hash);
  if (bucket !== undefined)
    for (const c of bucket) if (c.hasDev === hasDev && sameBytes(c.key, bytes, from, end)) return c;
  const found: CachedPlan = {
    plan: parseDefinition(view, bytes, pos, hasDev),
    key: bytes.slice(from, end),
    hasDev,
  };
  if (cachedPlans >= PLAN_CACHE_LIMIT) {
    planCache.clear();
    cachedPlans = 0;
    bucket = undefined;
  }
  if (bucket === undefined) planCache.set(hash, [found]);
  else bucket.push(found);
  cachedPlans++;
  return found;
}

interface ComponentSource {
  readonly at: number;
  readonly baseType: number;
  readonly size: number;
  readonly field: ProfileField;
}

const empty32 = new Int32Array(0);

function throwIfUnknownBaseType(baseType: number): void {
  if (BASE_TYPES[baseType] === undefined) throw new Decline('unknown base type');
}

/** Component targets reachable from a field, by name. */
function reachesColumn(profile: ProfileMesg, field: { components: string[] }, depth = 0): boolean {
  if (depth > 4) return true;
  for (const c of field.components) {
    const target = profile.fields[Number(c)];
    if (target === undefined) throw new Decline('component target missing');
    if (columnIndex.has(target.name)) return true;
    if (target.hasComponents && reachesColumn(profile, target, depth + 1)) return true;
  }
  return false;
}

function compileRecordSteps(
  profile: ProfileMesg,
  fields: readonly DefinedField[],
): Pick<
  Plan,
  | 'stepAt'
  | 'stepType'
  | 'stepCol'
  | 'stepScale'
  | 'stepOffset'
  | 'multi'
  | 'expand'
  | 'components'
  | 'accumulated'
> & { csd: CompressedSpeedDistanceCode | null } {
  const at: number[] = [];
  const type: number[] = [];
  const col: number[] = [];
  const scale: number[] = [];
  const offset: number[] = [];
  const multi: Plan['multi'][number][] = [];
  const expand: ExpansionCode[] = [];
  const sources: ComponentSource[] = [];
  const accumulated: Plan['accumulated'][number][] = [];
  let general = false;
  // Sources whose components reach a column: name, base type, size, offset.
  const reaching: { name: string; baseType: number; size: number; at: number }[] = [];
  let p = 0;
  for (const fd of fields) {
    const here = p;
    p += fd.size;
    const field = profile.fields[fd.num];
    if (field === undefined) continue;
    const base = BASE_TYPES[fd.baseType];
    if (base === undefined) throw new Decline('unknown base type');
    for (const sub of field.subFields) {
      if (columnIndex.has(sub.name) || (sub.hasComponents && reachesColumn(profile, sub)))
        throw new Decline('sub-field feeding a record column');
    }
    const c = columnIndex.get(field.name);
    if (c !== undefined) {
      if (fd.size % base.size !== 0) {
        // The SDK reads no value for a size that is not a whole number of elements.
      } else if (c === TIMESTAMP_COLUMN && (fd.size !== base.size || base.size === 8)) {
        throw new Decline('unusual timestamp field');
      } else if (fd.baseType === STRING || (base.size === 8 && fd.baseType !== 0x09)) {
        // Strings and 64-bit integers never give a number in the SDK's record messages.
      } else if (!NUMERIC_TYPES.has(field.type) && c !== TIMESTAMP_COLUMN) {
        throw new Decline('non-numeric record column');
      } else if (fd.size !== base.size) {
        multi.push({ at: here, baseType: fd.baseType, size: fd.size, col: c, field });
      } else {
        at.push(here);
        type.push(fd.baseType);
        col.push(c);
        if (c === TIMESTAMP_COLUMN) {
          scale.push(NaN);
          offset.push(NaN);
        } else {
          if (Array.isArray(field.scale) && field.scale.length > 1) throw new Decline('array scale');
          scale.push(Array.isArray(field.scale) ? (field.scale[0] ?? 1) : field.scale);
          offset.push(Array.isArray(field.offset) ? (field.offset[0] ?? 0) : field.offset);
        }
      }
    }
    // Accumulation matters only where it reaches a column (distance from compressed speed/distance).
    if (field.isAccumulated && c !== undefined) {
      if (fd.size !== base.size || base.size === 8 || fd.baseType === STRING)
        throw new Decline('unusual accumulated field');
      if (sources.some((s) => s.field.components.some((c) => Number(c) === field.num)))
        throw new Decline('accumulated field after its component source');
      accumulated.push({ at: here, baseType: fd.baseType, num: field.num });
    }
    if (!field.hasComponents) continue;
    sources.push({ at: here, baseType: fd.baseType, size: fd.size, field });
    if (!reachesColumn(profile, field)) continue;
    reaching.push({ name: field.name, baseType: fd.baseType, size: fd.size, at: here });
    const target = profile.fields[Number(field.components[0])];
    const profileBase = FIELD_TYPE_BASE[field.type];
    const bits = field.bits[0] ?? 0;
    const targetBase = target === undefined ? undefined : FIELD_TYPE_BASE[target.type];
    const targetCol = target === undefined ? undefined : columnIndex.get(target.name);
    if (
      field.components.length !== 1 ||
      target === undefined ||
      targetCol === undefined ||
      target.hasComponents ||
      target.isAccumulated ||
      profileBase === undefined ||
      targetBase === undefined ||
      bits !== (BASE_TYPES[profileBase]?.size ?? 0) * 8 ||
      bits >= 32 ||
      fd.size !== base.size ||
      base.size === 8 ||
      fd.baseType === STRING ||
      !Array.isArray(field.scale) ||
      !Array.isArray(field.offset)
    ) {
      general = true;
      continue;
    }
    expand.push({
      at: here,
      baseType: fd.baseType,
      col: targetCol,
      mask: 2 ** bits - 1,
      profileInvalid: BASE_TYPES[profileBase]?.invalid ?? NaN,
      scale: field.scale[0] ?? NaN,
      offset: field.offset[0] ?? NaN,
      targetScale: Array.isArray(target.scale) ? (target.scale[0] ?? 1) : target.scale,
      targetOffset: Array.isArray(target.offset) ? (target.offset[0] ?? 0) : target.offset,
      targetInvalid: BASE_TYPES[targetBase]?.invalid ?? 0xff,
    });
  }
  return {
    csd: general ? compressedSpeedDistance(reaching) : null,
    stepAt: Int32Array.from(at),
    stepType: Uint8Array.from(type),
    stepCol: Int32Array.from(col),
    stepScale: Float64Array.from(scale),
    stepOffset: Float64Array.from(offset),
    multi,
    // With compressed speed/distance, the compiled code expands `expand` after it.
    expand: general && compressedSpeedDistance(reaching) === null ? [] : expand,
    components: general ? sources : [],
    accumulated,
  };
}

/**
 * The compressed speed/distance shape the compiled code expands (see
 * `CompressedSpeedDistanceCode`): the one 3-byte field, with at most a plain uint16 speed and
 * altitude beside it among the fields whose components reach a column; null for anything else.
 */
function compressedSpeedDistance(
  reaching: readonly { name: string; baseType: number; size: number; at: number }[],
): CompressedSpeedDistanceCode | null {
  const named = (name: string) => reaching.filter((r) => r.name === name);
  const csd = named('compressedSpeedDistance');
  const speed = named('speed');
  const altitude = named('altitude');
  const c = csd[0];
  const col = (name: string): number => columnIndex.get(name) ?? -1;
  if (
    c === undefined ||
    csd.length !== 1 ||
    c.baseType !== 0x0d ||
    c.size !== 3 ||
    speed.length > 1 ||
    altitude.length > 1 ||
    [...speed, ...altitude].some((r) => r.baseType !== 0x04 || r.size !== 2) ||
    reaching.length !== csd.length + speed.length + altitude.length ||
    col('speed') < 0 ||
    col('distance') < 0 ||
    col('enhancedSpeed') < 0
  )
    return null;
  return {
    at: c.at,
    speedCol: col('speed'),
    distanceCol: col('distance'),
    enhancedSpeedCol: col('enhancedSpeed'),
    speedAt: speed[0]?.at ?? -1,
  };
}

function compilePlan(
  global: number,
  le: boolean,
  fields: readonly DefinedField[],
  devFields: readonly DevFieldDef[],
): Plan {
  const profile = Profile.messages[global];
  let size = 0;
  let tsAt = -1;
  let tsType = 0;
  for (const f of fields) {
    throwIfUnknownBaseType(f.baseType);
    if (f.num === TIMESTAMP && tsAt < 0 && f.size === (BASE_TYPES[f.baseType]?.size ?? 0) && f.size <= 4) {
      tsAt = size;
      tsType = f.baseType;
    }
    size += f.size;
  }
  const devAt = size;
  for (const f of devFields) size += f.size;
  const kind =
    profile === undefined
      ? KIND_SKIP
      : global === RECORD
        ? KIND_RECORD
        : KEPT.has(global)
          ? KIND_PROFILE
          : KIND_SKIP;
  const steps =
    kind === KIND_RECORD && profile !== undefined
      ? compileRecordSteps(profile, fields)
      : {
          csd: null,
          stepAt: empty32,
          stepType: new Uint8Array(0),
          stepCol: empty32,
          stepScale: new Float64Array(0),
          stepOffset: new Float64Array(0),
          multi: [],
          expand: [],
          components: [],
          accumulated: [],
        };
  const wanted = kind === KIND_PROFILE ? wantedFields.get(global) : undefined;
  const csd = steps.csd;
  const code: RecordCodePlan | null =
    kind === KIND_RECORD && (steps.components.length === 0 || csd !== null)
      ? {
          le,
          size,
          csd,
          steps: Array.from(steps.stepAt, (at, k) => ({
            at,
            baseType: steps.stepType[k] ?? 0,
            col: steps.stepCol[k] ?? 0,
            scale: steps.stepScale[k] ?? NaN,
            offset: steps.stepOffset[k] ?? NaN,
          })),
          multi: steps.multi,
          expand: steps.expand,
          accumulated: steps.accumulated,
          tsAt,
          tsType,
        }
      : null;
  const compiled = code === null ? null : compileRecordReader(code, TIMESTAMP_COLUMN);
  const summaryIndex = kind === KIND_PROFILE ? SUMMARIES.findIndex(([g]) => g === global) : -1;
  const summarySpec = SUMMARIES[summaryIndex]?.[2];
  const keptFields = wanted === undefined ? fields : fields.filter((f) => wanted.has(f.num));
  return {
    compiled,
    code,
    withDeveloperFields: new Map(),
    summaryIndex,
    summary:
      profile === undefined || summarySpec === undefined || global === FIELD_DESCRIPTION
        ? null
        : compileSummaryReader(global, profile, keptFields, le, summarySpec),
    // Messages skipped unread that carry no timestamp (compressed timestamps count from those).
    skip: kind === KIND_SKIP && tsAt < 0 ? ((size + 1) << 1) | (profile === undefined ? 0 : 1) : 0,
    skipAny: kind === KIND_SKIP ? ((size + 1) << 1) | (profile === undefined ? 0 : 1) : 0,
    kind,
    global,
    profile,
    le,
    size,
    fields: keptFields,
    tsAt,
    tsType,
    ...steps,
    devFields,
    devAt,
  };
}

/** A single element as a number, or NaN when it is the base type's invalid value. */
function readNumber(view: DataView, at: number, type: number, le: boolean): number {
  switch (type) {
    case 0x00:
    case 0x02:
    case 0x0d: {
      const v = view.getUint8(at);
      return v === 0xff ? NaN : v;
    }
    case 0x01: {
      const v = view.getInt8(at);
      return v === 0x7f ? NaN : v;
    }
    case 0x03: {
      const v = view.getInt16(at, le);
      return v === 0x7fff ? NaN : v;
    }
    case 0x04: {
      const v = view.getUint16(at, le);
      return v === 0xffff ? NaN : v;
    }
    case 0x05: {
      const v = view.getInt32(at, le);
      return v === 0x7fffffff ? NaN : v;
    }
    case 0x06: {
      const v = view.getUint32(at, le);
      return v === 0xffffffff ? NaN : v;
    }
    case 0x08:
      return view.getFloat32(at, le);
    case 0x09:
      return view.getFloat64(at, le);
    case 0x0a: {
      const v = view.getUint8(at);
      return v === 0 ? NaN : v;
    }
    case 0x0b: {
      const v = view.getUint16(at, le);
      return v === 0 ? NaN : v;
    }
    case 0x0c: {
      const v = view.getUint32(at, le);
      return v === 0 ? NaN : v;
    }
    default:
      return NaN;
  }
}

/** Base types `readNumber` reads as the SDK reads a single element (not strings, not 64-bit values: a float64 of 2^64 is invalid to the SDK). */
const SINGLE_NUMBER: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13]);

/** The developer data ids and field descriptions seen so far, as the SDK's Decoder keeps them. */
class DeveloperDefinitions {
  version = 0;
  private readonly byIndex = new Map<
    number,
    { fieldNum: number | undefined; baseType: number; key: number }[]
  >();

  addDataId(message: FitMessage): void {
    const index = (message as { developerDataIndex?: unknown }).developerDataIndex;
    if (index === undefined) throw new Decline('developer data id without an index');
    if (index === null || index === 0xff) return;
    this.byIndex.set(index as number, []);
    this.version++;
  }

  /** Numbers the description as the SDK does and returns its key. */
  addDescription(message: FitMessage): number {
    let key = 0;
    for (const list of this.byIndex.values()) key += list.length;
    const m = message as {
      developerDataIndex?: unknown;
      fieldDefinitionNumber?: unknown;
      fitBaseTypeId?: unknown;
    };
    if (m.developerDataIndex === undefined) throw new Decline('field description without an index');
    if (m.developerDataIndex === null || m.developerDataIndex === 0xff) return key;
    const list = this.byIndex.get(m.developerDataIndex as number);
    if (list === undefined) return key;
    list.push({
      fieldNum: m.fieldDefinitionNumber as number | undefined,
      baseType: (m.fitBaseTypeId as number) & 0x1f,
      key,
    });
    this.version++;
    return key;
  }

  resolve(def: DevFieldDef): DevResolved | null {
    const found = this.byIndex.get(def.devIndex)?.find((f) => f.fieldNum === def.num);
    if (found === undefined) return null;
    throwIfUnknownBaseType(found.baseType);
    return { key: found.key, baseType: found.baseType };
  }
}

function resolveDevFields(local: Local, dev: DeveloperDefinitions): void {
  if (local.devVersion === dev.version) return;
  local.devResolved = local.plan.devFields.map((f) => dev.resolve(f));
  local.devVersion = dev.version;
  local.devCompiled = null;
}

/** The record code of a local type with developer fields, as they are resolved now. */
function compiledWithDeveloperFields(local: Local, code: RecordCodePlan): CompiledRecordReader {
  if (local.devCompiled !== null) return local.devCompiled;
  const fields: DeveloperFieldCode[] = [];
  let at = local.plan.devAt;
  local.plan.devFields.forEach((f, i) => {
    const d = local.devResolved[i];
    if (d !== undefined && d !== null) fields.push({ at, size: f.size, baseType: d.baseType, key: d.key });
    at += f.size;
  });
  // Files from one device resolve their developer fields alike: their code is compiled once.
  const resolution = fields.map((f) => `${f.at}:${f.size}:${f.baseType}:${f.key}`).join(',');
  let compiled = local.plan.withDeveloperFields.get(resolution);
  if (compiled === undefined) {
    compiled = compileRecordReader({ ...code, dev: fields }, TIMESTAMP_COLUMN);
    local.plan.withDeveloperFields.set(resolution, compiled);
  }
  local.devCompiled = compiled;
  return compiled;
}

function firstNumber(v: unknown): number {
  const x = Array.isArray(v) ? (v[0] as unknown) : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : NaN;
}

/** The SDK's accumulator, and the record fields' latest direct values not yet handed to it. */
type RecordAccumulators = PendingAccumulations;

/** The SDK's general component expansion of one record, into the columns it reaches. */
function expandRecord(
  view: DataView,
  start: number,
  plan: Plan,
  b: RecordColumnsBuilder,
  row: number,
  accumulator: Accumulator,
): void {
  const profile = plan.profile;
  if (profile === undefined) return;
  const message = new Map<string, Entry>();
  const toExpand: string[] = [];
  for (const s of plan.components) {
    const raw = readRawValue(view, start + s.at, s.baseType, s.size, plan.le, s.field.array, false);
    if (raw === null) continue;
    message.set(s.field.name, { raw, num: s.field.num });
    toExpand.push(s.field.name);
  }
  expandComponents(RECORD, profile.fields, message, toExpand, accumulator);
  for (const [name, entry] of message) {
    if (!entry.expanded) continue;
    const c = columnIndex.get(name);
    if (c === undefined) continue;
    const v = firstNumber(entry.value);
    if (v === v) b.set(c, row, v);
    else b.unset(c, row);
  }
}

/** Reads the fields of one record data message into row `row` of the columns. */
function readRecord(
  view: DataView,
  start: number,
  plan: Plan,
  b: RecordColumnsBuilder,
  row: number,
  accumulator: RecordAccumulators,
): void {
  const le = plan.le;
  const { stepAt, stepType, stepScale, stepOffset, stepCol } = plan;
  const n = stepAt.length;
  // The typed arrays of a plan all have n elements: `as number` skips a check per read.
  for (let s = 0; s < n; s++) {
    let v = readNumber(view, start + (stepAt[s] as number), stepType[s] as number, le);
    if (v !== v) continue;
    const scale = stepScale[s] as number;
    if (scale !== scale) v = v * 1000 + FIT_EPOCH_MS;
    else v = v / scale - (stepOffset[s] as number);
    if (v - v === 0) b.set(stepCol[s] as number, row, v);
  }
  if (plan.multi.length + plan.expand.length + plan.accumulated.length + plan.components.length === 0) return;
  for (const m of plan.multi) {
    const raw = readRawValue(view, start + m.at, m.baseType, m.size, le, m.field.array, false);
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (typeof first !== 'number') continue;
    const scale = Array.isArray(m.field.scale) ? (m.field.scale[0] ?? 1) : m.field.scale;
    const offset = Array.isArray(m.field.offset) ? (m.field.offset[0] ?? 0) : m.field.offset;
    const v = m.col === TIMESTAMP_COLUMN ? first * 1000 + FIT_EPOCH_MS : first / scale - offset;
    if (Number.isFinite(v)) b.set(m.col, row, v);
  }
  for (const e of plan.expand) {
    const raw = readElement(view, start + e.at, e.baseType, le) as number;
    if (raw === BASE_TYPES[e.baseType]?.invalid || raw === e.profileInvalid) continue;
    const value = ((raw & e.mask) >>> 0) / e.scale - e.offset;
    // The SDK's check of the expanded value against the target's invalid raw value.
    const rawValue = Math.round((value + e.targetOffset) * e.targetScale);
    const v = rawValue === e.targetInvalid || !Number.isFinite(value) ? NaN : value;
    if (v === v) b.set(e.col, row, v);
    else b.unset(e.col, row);
  }
  for (const a of plan.accumulated) {
    const raw = readNumber(view, start + a.at, a.baseType, le);
    if (raw === raw) {
      // Each value restarts the SDK's accumulator; only the last one before an expansion counts.
      setPending(accumulator, a.num, raw);
    }
  }
  if (plan.components.length > 0) {
    if (accumulator.dirty !== 0) flushPending(accumulator);
    expandRecord(view, start, plan, b, row, accumulator.accumulator);
  }
}

/**
 * Reads one segment's data area, [dataStart, dataEnd) of `bytes`, into a DecodedSegment; null
 * when the segment holds something the plans do not cover (the caller then uses the SDK).
 */
export function readSegmentFast(
  bytes: Uint8Array,
  dataStart: number,
  dataEnd: number,
): FastSegmentResult | null {
  try {
    return readSegment(bytes, dataStart, dataEnd);
  } catch (e) {
    // A TypeError or RangeError is where the SDK itself would throw: its Decoder decides.
    if (e instanceof Decline || e instanceof TypeError || e instanceof RangeError) return null;
    throw e;
  }
}

/** Compiles the plan of the definition message at `pos` (whose bytes are all in the data area). */
function parseDefinition(view: DataView, bytes: Uint8Array, pos: number, hasDev: boolean): Plan {
  const le = bytes[pos + 2] === 0;
  const global = view.getUint16(pos + 3, le);
  const n = bytes[pos + 5] ?? 0;
  let p = pos + 6;
  const fields: DefinedField[] = [];
  let at = 0;
  for (let i = 0; i < n; i++, p += 3) {
    const size = bytes[p + 1] ?? 0;
    fields.push({ num: bytes[p] ?? 0, size, baseType: (bytes[p + 2] ?? 0) & 0x1f, at });
    at += size;
  }
  const devFields: DevFieldDef[] = [];
  if (hasDev) {
    const nd = bytes[p] ?? 0;
    p++;
    for (let i = 0; i < nd; i++, p += 3)
      devFields.push({ num: bytes[p] ?? 0, size: bytes[p + 1] ?? 0, devIndex: bytes[p + 2] ?? 0 });
  }
  return compilePlan(global, le, fields, devFields);
}

const RECENT = 4;

/** True when the definition message at `pos` (ending at `end`) is the one `local` was made from. */
function sameDefinition(local: Local, bytes: Uint8Array, pos: number, end: number, hasDev: boolean): boolean {
  return local.cached.hasDev === hasDev && sameBytes(local.cached.key, bytes, pos + 2, end);
}

/** True when `bytes[from, to)` are the bytes of `a`. */
function sameBytes(a: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== bytes[from + i]) return false;
  return true;
}

function readSegment(bytes: Uint8Array, dataStart: number, dataEnd: number): FastSegmentResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const locals: (Local | undefined)[] = new Array<Local | undefined>(16);
  // The last RECENT definitions of each local type (a Local keeps its developer fields resolved
  // for the definitions seen so far, so it serves again).
  const recent: (Local | undefined)[] = new Array<Local | undefined>(16 * RECENT);
  const recentNext = new Uint8Array(16);
  // Columns sized once: as many rows as the data area holds record messages.
  const scan = scanRecordMessages(bytes, dataStart, dataEnd);
  const builder = new RecordColumnsBuilder(scan.records);
  // The last timestamp only matters to a compressed-timestamp header: without any, a run of
  // records also steps over skipped messages that carry a timestamp (battery, GPS metadata, ...).
  const anySkip = scan.noCompressedTimestamps;
  const columns = builder.columnArrays;
  const runOut = new Float64Array(3);
  const skip = new Int32Array(256);
  let lastRecordPlan: Plan | null = null;
  const summaries: unknown[][] = SUMMARIES.map(() => []);
  const accumulator = new Accumulator();
  const recordAccumulators: RecordAccumulators = {
    accumulator,
    pending: new Float64Array(256),
    hasPending: new Uint8Array(256),
    pendingNums: new Uint8Array(256),
    dirty: 0,
  };
  const dev = new DeveloperDefinitions();
  let lastTimestamp = -1;
  let messageCount = 0;
  let pos = dataStart;
  let error: string | null = null;

  while (pos < dataEnd) {
    const header = bytes[pos] ?? 0;
    if ((header & 0xc0) === 0x40) {
      // Definition message.
      if (pos + 6 > dataEnd) {
        error = `message definition cut off at byte ${pos}`;
        break;
      }
      const n = bytes[pos + 5] ?? 0;
      let end = pos + 6 + 3 * n;
      const hasDev = (header & 0x20) !== 0;
      if (hasDev && end < dataEnd) end += 1 + 3 * (bytes[end] ?? 0);
      if (end > dataEnd || (hasDev && end === pos + 6 + 3 * n)) {
        error = `message definition cut off at byte ${pos}`;
        break;
      }
      // Devices that repeat a definition before every message (Suunto) repeat the same bytes.
      const localType = header & 0x0f;
      const previous = locals[localType];
      if (previous !== undefined && sameDefinition(previous, bytes, pos, end, hasDev)) {
        pos = end;
        continue;
      }
      // Devices that switch a local type between a few definitions (Suunto, before every message)
      // find it among the last ones of that type: no hash, no new Local.
      let local: Local | undefined;
      for (let k = localType * RECENT; k < localType * RECENT + RECENT; k++) {
        const r = recent[k];
        if (r !== undefined && sameDefinition(r, bytes, pos, end, hasDev)) {
          local = r;
          break;
        }
      }
      if (local === undefined) {
        const cached = cachedPlan(view, bytes, pos, end, hasDev);
        local = { plan: cached.plan, cached, devVersion: -1, devResolved: [], devCompiled: null };
        recent[localType * RECENT + (recentNext[localType] as number)] = local;
        recentNext[localType] = ((recentNext[localType] as number) + 1) % RECENT;
      }
      locals[localType] = local;
      skip[localType] = anySkip ? local.plan.skipAny : local.plan.skip;
      pos = end;
      continue;
    }

    const compressed = (header & 0x80) !== 0;
    const local = locals[compressed ? (header >> 5) & 0x03 : header & 0x0f];
    if (local === undefined) {
      error = `data message for undefined local message type ${compressed ? (header >> 5) & 0x03 : header & 0x0f} at byte ${pos}`;
      break;
    }
    const plan = local.plan;
    const start = pos + 1;
    if (start + plan.size > dataEnd) {
      error = `data message cut off at byte ${pos}`;
      break;
    }
    if (plan.code !== null && !compressed) {
      // A run of records of this local type, read by the plan's compiled code.
      let compiled = plan.compiled as CompiledRecordReader;
      if (plan.devFields.length > 0) {
        resolveDevFields(local, dev);
        compiled = compiledWithDeveloperFields(local, plan.code);
      }
      if (builder.length === builder.rowCapacity) builder.reserve(2 * builder.length);
      if (plan !== lastRecordPlan) {
        builder.beginDirect(compiled.columns, compiled.mask);
        lastRecordPlan = plan;
      }
      const first = builder.length;
      pos = compiled.readRun(
        bytes,
        view,
        pos,
        dataEnd,
        first,
        builder.rowCapacity,
        columns,
        recordAccumulators,
        runOut,
        plan.size,
        skip,
        builder,
      );
      const next = runOut[1] as number;
      builder.addRowsUpTo(next);
      messageCount += next - first + (runOut[2] as number);
      const ts = runOut[0] as number;
      if (ts === ts) lastTimestamp = ts;
      continue;
    }
    pos = start + plan.size;

    let compressedTs = -1;
    if (compressed) {
      if (lastTimestamp >= 0) {
        const offset = header & 0x1f;
        let ts = lastTimestamp - (lastTimestamp & 0x1f) + offset;
        if (offset < (lastTimestamp & 0x1f)) ts += 0x20;
        lastTimestamp = ts;
        compressedTs = ts;
      }
    } else if (plan.tsAt >= 0 && plan.compiled === null) {
      const ts = readNumber(view, start + plan.tsAt, plan.tsType, plan.le);
      if (ts === ts) lastTimestamp = ts;
    }
    if (plan.profile === undefined) continue;
    messageCount++;
    if (plan.kind === KIND_SKIP) continue;

    if (plan.kind === KIND_RECORD) {
      if (plan !== lastRecordPlan) {
        if (plan.compiled === null) builder.endDirect();
        else builder.beginDirect(plan.compiled.columns, plan.compiled.mask);
        lastRecordPlan = plan;
      }
      const row = builder.addRow();
      if (plan.compiled === null) readRecord(view, start, plan, builder, row, recordAccumulators);
      else {
        const ts = plan.compiled.read(bytes, view, start, row, columns, recordAccumulators, builder);
        if (!compressed && ts === ts) lastTimestamp = ts;
      }
      if (compressedTs >= 0) builder.set(TIMESTAMP_COLUMN, row, compressedTs * 1000 + FIT_EPOCH_MS);
      if (plan.devFields.length > 0) {
        resolveDevFields(local, dev);
        let p = start + plan.devAt;
        for (let i = 0; i < plan.devFields.length; i++) {
          const f = plan.devFields[i];
          const d = local.devResolved[i];
          if (f === undefined) continue;
          if (d !== undefined && d !== null) {
            // A single element of a type readNumber reads: the same value as the SDK's legacy read.
            const v =
              f.size === (BASE_TYPES[d.baseType]?.size ?? 0) && SINGLE_NUMBER.has(d.baseType)
                ? readNumber(view, p, d.baseType, plan.le)
                : developerFieldValue(view, p, d.baseType, f.size, plan.le);
            if (v - v === 0) builder.setDeveloper(d.key, row, v);
          }
          p += f.size;
        }
      }
      continue;
    }

    // Developer fields of non-record messages are not kept, but the SDK still resolves them.
    if (plan.devFields.length > 0) resolveDevFields(local, dev);

    // A non-record message DecodedFit keeps, read with the SDK's rules: by its prepared reader
    // straight into its summary, else as the SDK's message.
    if (plan.summary !== null) {
      const timestampMs =
        compressedTs >= 0 && plan.profile.fields[TIMESTAMP] !== undefined
          ? compressedTs * 1000 + FIT_EPOCH_MS
          : NaN;
      summaries[plan.summaryIndex]?.push(plan.summary(view, start, accumulator, timestampMs));
      continue;
    }
    const message: FitMessage = decodeProfileMessage(
      view,
      start,
      plan.global,
      plan.profile,
      plan.fields,
      plan.le,
      accumulator,
    );
    if (compressedTs >= 0 && plan.profile.fields[TIMESTAMP] !== undefined)
      message.timestamp = new Date(compressedTs * 1000 + FIT_EPOCH_MS);
    if (plan.global === DEVELOPER_DATA_ID) dev.addDataId(message);
    else if (plan.global === FIELD_DESCRIPTION) message.key = dev.addDescription(message);
    const summary = SUMMARIES[plan.summaryIndex];
    if (summary !== undefined) summaries[plan.summaryIndex]?.push(summaryOf(summary[2], message));
  }

  const records = builder.finish();
  return {
    decoded: {
      records,
      ...(Object.fromEntries(SUMMARIES.map(([, key], i) => [key, summaries[i]])) as unknown as Omit<
        DecodedSegment,
        'records'
      >),
    },
    error,
    messageCount,
    recordCount: records.length,
  };
}
