import type { ProfileField } from '@garmin/fitsdk';
import type { Accumulator } from './profile-message.ts';
import { BASE_TYPES, readRawValue } from './profile-message.ts';

/**
 * Record plans compiled to code. The fast reader's plan for a record definition (which bytes
 * feed which column, base types, endianness, scale and offset, speed and altitude expanded into
 * their enhanced fields) becomes one JavaScript function, generated once per plan with `new
 * Function`, that reads a record's fields at fixed offsets straight from the bytes into the
 * columns: no switch per field, no loop over steps, no call per value. The values are exactly
 * those of the interpreted plan it replaces (the same arithmetic in the same order); what the
 * code does not cover (the SDK's general component expansion) keeps the interpreted path.
 */

/** A field read into a column as a single element. */
interface StepCode {
  readonly at: number;
  readonly baseType: number;
  readonly col: number;
  /** NaN: a FIT timestamp (seconds since the FIT epoch) turned into Unix ms. */
  readonly scale: number;
  readonly offset: number;
}

/** A multi-element field feeding a column: its first element, read with the SDK's array rules. */
interface MultiCode {
  readonly at: number;
  readonly baseType: number;
  readonly size: number;
  readonly col: number;
  readonly field: ProfileField;
}

/** A field whose single component is expanded into a column (speed → enhanced speed). */
export interface ExpansionCode {
  readonly at: number;
  readonly baseType: number;
  readonly col: number;
  readonly mask: number;
  readonly profileInvalid: number;
  readonly scale: number;
  readonly offset: number;
  readonly targetScale: number;
  readonly targetOffset: number;
  readonly targetInvalid: number;
}

/** An accumulated field whose latest valid value is kept for the SDK's accumulator. */
interface AccumulatedCode {
  readonly at: number;
  readonly baseType: number;
  readonly num: number;
}

/**
 * Compressed speed/distance (a 3-byte field of two 12-bit components: speed in 1/100 m/s, and a
 * distance in 1/16 m that accumulates), expanded as the SDK does it: the speed column, the
 * accumulated distance column, and enhanced speed from the plain speed field when it is valid, else
 * from the compressed speed.
 */
export interface CompressedSpeedDistanceCode {
  readonly at: number;
  readonly speedCol: number;
  readonly distanceCol: number;
  readonly enhancedSpeedCol: number;
  /** The plain speed field (uint16), or -1. */
  readonly speedAt: number;
}

/** A developer field with its description resolved: read into developer column `key`. */
export interface DeveloperFieldCode {
  readonly at: number;
  readonly size: number;
  readonly baseType: number;
  readonly key: number;
}

/** Where the compiled code writes developer field values (`RecordColumnsBuilder`). */
interface DeveloperSink {
  setDeveloper(key: number, row: number, value: number): void;
}

export interface RecordCodePlan {
  readonly le: boolean;
  /** Bytes of a record after its header. */
  readonly size: number;
  /** When set, the expansion of `expand` entries comes after it, and a speed expansion is left to it. */
  readonly csd: CompressedSpeedDistanceCode | null;
  readonly steps: readonly StepCode[];
  readonly multi: readonly MultiCode[];
  readonly expand: readonly ExpansionCode[];
  readonly accumulated: readonly AccumulatedCode[];
  /** The timestamp field's offset and base type (-1: none), whose raw value the function returns. */
  readonly tsAt: number;
  readonly tsType: number;
  /** Developer fields read into their columns (finite values only). */
  readonly dev?: readonly DeveloperFieldCode[];
}

/** The latest raw value of each accumulated field not yet handed to the SDK's accumulator. */
export interface PendingAccumulations {
  readonly pending: Float64Array;
  readonly hasPending: Uint8Array;
  /** The fields with a pending value, the first `dirty` of them. */
  readonly pendingNums: Uint8Array;
  /** How many fields have a pending value. */
  dirty: number;
  readonly accumulator: Accumulator;
}

const RECORD = 20;
const DISTANCE = 5;

/** Hands the pending values to the accumulator: each restarts its field's accumulation. */
export function flushPending(acc: PendingAccumulations): void {
  for (let k = 0; k < acc.dirty; k++) {
    const num = acc.pendingNums[k] as number;
    acc.accumulator.reset(RECORD, num, acc.pending[num] ?? 0);
    acc.hasPending[num] = 0;
  }
  acc.dirty = 0;
}

/** Keeps `value` as the pending value of accumulated field `num`. */
export function setPending(acc: PendingAccumulations, num: number, value: number): void {
  acc.pending[num] = value;
  if (acc.hasPending[num] === 1) return;
  acc.hasPending[num] = 1;
  acc.pendingNums[acc.dirty++] = num;
}

/**
 * Reads one record: `s` is the offset of its first field byte in `u`, `row` its row in `cols`
 * (the builder's columns by `recordFieldNames` index; every column in `columns` exists and has
 * room for the row). Returns the raw value of the timestamp field, NaN when invalid or absent.
 */
type RecordReader = (
  u: Uint8Array,
  dv: DataView,
  s: number,
  row: number,
  cols: readonly (Float64Array | undefined)[],
  acc: PendingAccumulations,
  b: DeveloperSink,
) => number;

/**
 * Reads a run of records that all start with the header byte at `p` (one local message type,
 * normal headers) from byte `p` on, while they lie whole before `end` and rows stay below `cap`;
 * the first one must lie whole before `end` and `row` be below `cap`; `size` is the bytes of a
 * record after its header. Between two records, it steps over the messages the reader skips:
 * `skip[header]` is 0 for a header that ends the run, else the message's length (header
 * included) times 2, plus 1 when the message counts among the segment's messages. Returns the
 * offset after the run; `out[0]` is the raw value of the last valid timestamp in the run (NaN
 * when none), `out[1]` the row after the run, `out[2]` how many counted messages it stepped over.
 */
type RecordRunReader = (
  u: Uint8Array,
  dv: DataView,
  p: number,
  end: number,
  row: number,
  cap: number,
  cols: readonly (Float64Array | undefined)[],
  acc: PendingAccumulations,
  out: Float64Array,
  size: number,
  skip: Int32Array,
  b: DeveloperSink,
) => number;

export interface CompiledRecordReader {
  readonly read: RecordReader;
  readonly readRun: RecordRunReader;
  /** The columns the function writes in every row it reads (NaN where the record has no value). */
  readonly columns: Int32Array;
  /** Bit `column` set for each of `columns`. */
  readonly mask: number;
}

const FIT_EPOCH_MS = 631065600000;

/** Compiled functions by their source (those without multi-element fields, which bind their own). */
const madeBySource = new Map<string, [RecordReader, RecordRunReader]>();
const MADE_LIMIT = 4096;

/** Invalid raw value of each base type, as `readNumber` tests it (undefined: none but NaN). */
const INVALID: readonly (number | undefined)[] = [
  0xff,
  0x7f,
  0xff,
  0x7fff,
  0xffff,
  0x7fffffff,
  0xffffffff,
  undefined,
  undefined,
  undefined,
  0,
  0,
  0,
  0xff,
];

/** Base types `readNumber` reads (others read NaN). */
const READABLE: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13]);

/** Base types whose single element is read as the SDK's legacy read gives it (not strings, not 64-bit values). */
const SINGLE_NUMBER: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13]);

/**
 * A developer field's value as the SDK's legacy read gives it: its first element when that is a
 * finite number, else NaN.
 */
export function developerFieldValue(
  dv: DataView,
  at: number,
  baseType: number,
  size: number,
  le: boolean,
): number {
  const raw = readRawValue(dv, at, baseType, size, le, false, true);
  const x = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  return typeof x === 'number' && Number.isFinite(x) ? x : NaN;
}

/**
 * An expression reading one element of `baseType` at byte `s + at`, as `readElement` reads it:
 * single bytes from `u`, wider elements through the DataView, which V8 reads in one load.
 */
function elementExpr(baseType: number, at: number, le: boolean): string {
  const read = (method: string): string => `dv.${method}(s + ${at}, ${le})`;
  switch (baseType) {
    case 0x01:
      return `((u[s + ${at}] << 24) >> 24)`;
    case 0x03:
      return read('getInt16');
    case 0x04:
    case 0x0b:
      return read('getUint16');
    case 0x05:
      return read('getInt32');
    case 0x06:
    case 0x0c:
      return read('getUint32');
    case 0x08:
      return read('getFloat32');
    case 0x09:
      return read('getFloat64');
    case 0x00:
    case 0x02:
    case 0x0a:
    case 0x0d:
      return `u[s + ${at}]`;
    default:
      throw new Error(`no compiled read for base type ${baseType}`);
  }
}

/**
 * `raw / scale - offset` as source; without the subtraction when the offset is +0, which changes
 * no number (x - 0 is x for every x, -0 and NaN included).
 */
function scaled(raw: string, scale: number, offset: number): string {
  return Object.is(offset, 0)
    ? `${raw} / ${literal(scale)}`
    : `${raw} / ${literal(scale)} - ${literal(offset)}`;
}

/** A number as JavaScript source that reads back as exactly that number. */
function literal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return Object.is(x, -0) ? '-0' : `(${String(x)})`;
}

/** The first element of a multi-element field as `readRecord` took it: a number, or NaN. */
function multiValue(dv: DataView, at: number, m: MultiCode, le: boolean, timestamp: boolean): number {
  const raw = readRawValue(dv, at, m.baseType, m.size, le, m.field.array, false);
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== 'number') return NaN;
  const scale = Array.isArray(m.field.scale) ? (m.field.scale[0] ?? 1) : m.field.scale;
  const offset = Array.isArray(m.field.offset) ? (m.field.offset[0] ?? 0) : m.field.offset;
  const v = timestamp ? first * 1000 + FIT_EPOCH_MS : first / scale - offset;
  return Number.isFinite(v) ? v : NaN;
}

/**
 * Compiles a record plan. The first write to a column in a record sets it (NaN when the value
 * is invalid), later writes to the same column only replace it with a valid value, which is
 * what the interpreted plan's writes into NaN-initialised rows amount to.
 */
export function compileRecordReader(plan: RecordCodePlan, timestampColumn: number): CompiledRecordReader {
  const le = plan.le;
  const lines: string[] = [];
  const written = new Set<number>();
  const write = (col: number, valid: string, value: string): void => {
    if (written.has(col)) lines.push(`if (${valid}) c${col}[row] = ${value};`);
    else lines.push(`c${col}[row] = ${valid} ? ${value} : NaN;`);
    written.add(col);
  };
  // Expansions that copy a step's value (`sameAsStep`), by expansion: the step's index.
  const copies = new Map<ExpansionCode, number>();
  if (plan.csd === null)
    for (const e of plan.expand) {
      const k = plan.steps.findIndex((step) => sameAsStep(e, step));
      if (k >= 0 && !plan.steps.slice(0, k).some((step) => step.col === plan.steps[k]?.col)) copies.set(e, k);
    }
  const copied = new Set(copies.values());
  const locals: string[] = [];
  // The step that reads the timestamp field's element, whose raw value the function returns.
  const tsStep = plan.steps.findIndex((step) => step.at === plan.tsAt && step.baseType === plan.tsType);
  plan.steps.forEach((step, k) => {
    lines.push(`v = ${elementExpr(step.baseType, step.at, le)};`);
    if (k === tsStep) lines.push('ts = v;');
    if (copied.has(k)) {
      // A first write, of a value an expansion copies: kept in x<k> (NaN when invalid).
      const value = scaled('v', step.scale, step.offset);
      lines.push(`x${k} = v !== ${literal(INVALID[step.baseType] ?? NaN)} ? ${value} : NaN;`);
      lines.push(`c${step.col}[row] = x${k};`);
      written.add(step.col);
      locals.push(`x${k} = 0`);
      return;
    }
    const invalid = INVALID[step.baseType];
    const isFloat = step.baseType === 0x08 || step.baseType === 0x09;
    const notInvalid = invalid === undefined ? 'v === v' : `v !== ${literal(invalid)}`;
    let value: string;
    let valid: string;
    if (Number.isNaN(step.scale)) {
      value = `v * 1000 + ${FIT_EPOCH_MS}`;
      valid = isFloat ? `(v * 1000 + ${FIT_EPOCH_MS}) - (v * 1000 + ${FIT_EPOCH_MS}) === 0` : notInvalid;
    } else {
      value = step.scale === 1 && step.offset === 0 ? 'v' : scaled('v', step.scale, step.offset);
      const finiteScale = Number.isFinite(step.scale) && step.scale !== 0 && Number.isFinite(step.offset);
      valid = isFloat || !finiteScale ? `(${value}) - (${value}) === 0` : notInvalid;
      if (!isFloat && !finiteScale) valid = `${notInvalid} && ${valid}`;
    }
    write(step.col, valid, value);
  });
  plan.multi.forEach((m, k) => {
    lines.push(`v = multiValue(dv, s + ${m.at}, multi[${k}], ${le}, ${m.col === timestampColumn});`);
    write(m.col, 'v === v', 'v');
  });
  const expandFrom = (e: ExpansionCode, read: string, skip: string): void => {
    lines.push(`r = ${read};`);
    const compute =
      `v = ${scaled(`((r & ${literal(e.mask)}) >>> 0)`, e.scale, e.offset)}; ` +
      `r = Math.round((v + ${literal(e.targetOffset)}) * ${literal(e.targetScale)}); ` +
      `c${e.col}[row] = r === ${literal(e.targetInvalid)} || !(v - v === 0) ? NaN : v;`;
    if (written.has(e.col)) lines.push(`if (!(${skip})) { ${compute} }`);
    else lines.push(`if (${skip}) c${e.col}[row] = NaN; else { ${compute} }`);
    written.add(e.col);
  };
  const skipOf = (e: ExpansionCode): string =>
    `r === ${literal(invalidOfElement(e.baseType))} || r === ${literal(e.profileInvalid)}`;
  const csd = plan.csd;
  if (csd === null)
    for (const e of plan.expand) {
      const k = copies.get(e);
      if (k === undefined) expandFrom(e, elementExpr(e.baseType, e.at, le), skipOf(e));
      else {
        // The expansion's skip (an invalid raw value) is the step's NaN, and its value the step's.
        lines.push(
          written.has(e.col) ? `if (x${k} === x${k}) c${e.col}[row] = x${k};` : `c${e.col}[row] = x${k};`,
        );
        written.add(e.col);
      }
    }
  for (const a of plan.accumulated) {
    lines.push(`v = ${elementExpr(a.baseType, a.at, le)};`);
    const invalid = INVALID[a.baseType];
    const valid = invalid === undefined ? 'v === v' : `v !== ${literal(invalid)}`;
    lines.push(
      `if (${valid}) { acc.pending[${a.num}] = v; if (acc.hasPending[${a.num}] === 0) { acc.hasPending[${a.num}] = 1; acc.pendingNums[acc.dirty++] = ${a.num}; } }`,
    );
  }
  if (csd !== null) {
    // The SDK's general expansion of this one shape (see CompressedSpeedDistanceCode).
    lines.push('if (acc.dirty !== 0) flushPending(acc);');
    const b = (k: number): string => `u[s + ${csd.at + k}]`;
    const noSpeed = csd.speedAt < 0 ? '-1' : `(r = ${elementExpr(0x04, csd.speedAt, le)}) === 65535 ? -1 : r`;
    const setOrNaN = (col: number, value: string, invalid: string): string =>
      `c${col}[row] = ${invalid} ? NaN : ${value};`;
    lines.push(`let sr = -1;`);
    lines.push(`if (${b(0)} === 255 && ${b(1)} === 255 && ${b(2)} === 255) {`);
    for (const col of [csd.speedCol, csd.distanceCol])
      if (!written.has(col)) lines.push(`c${col}[row] = NaN;`);
    lines.push(`sr = ${noSpeed};`);
    lines.push('} else {');
    lines.push(`v = (${b(0)} | ((${b(1)} & 15) << 8)) / 100 - 0; r = Math.round((v + 0) * 1000);`);
    lines.push(setOrNaN(csd.speedCol, 'v', 'r === 65535 || !(v - v === 0)'));
    lines.push(`sr = r;`);
    lines.push(
      `v = acc.accumulator.accumulate(${RECORD}, ${DISTANCE}, (${b(1)} >> 4) | (${b(2)} << 4), 12) / 16 - 0;`,
    );
    lines.push(`r = Math.round((v + 0) * 100);`);
    lines.push(setOrNaN(csd.distanceCol, 'v', 'r === 4294967295 || !(v - v === 0)'));
    if (csd.speedAt >= 0) lines.push(`r = ${elementExpr(0x04, csd.speedAt, le)}; if (r !== 65535) sr = r;`);
    lines.push('}');
    written.add(csd.speedCol);
    written.add(csd.distanceCol);
    for (const e of plan.expand) {
      if (e.col === csd.enhancedSpeedCol) continue;
      expandFrom(e, elementExpr(e.baseType, e.at, le), skipOf(e));
    }
    expandFrom(
      {
        at: -1,
        baseType: 0x04,
        col: csd.enhancedSpeedCol,
        mask: 0xffff,
        profileInvalid: 0xffff,
        scale: 1000,
        offset: 0,
        targetScale: 1000,
        targetOffset: 0,
        targetInvalid: 0xffffffff,
      },
      'sr',
      'r < 0 || r === 65535',
    );
  }
  for (const d of plan.dev ?? []) {
    // A single element of a type readNumber reads: the same value as the SDK's legacy read.
    if (d.size === (BASE_TYPES[d.baseType]?.size ?? 0) && SINGLE_NUMBER.has(d.baseType)) {
      lines.push(`v = ${elementExpr(d.baseType, d.at, le)};`);
      const invalid = INVALID[d.baseType];
      const valid = invalid === undefined ? 'v - v === 0' : `v !== ${literal(invalid)} && v - v === 0`;
      lines.push(`if (${valid}) b.setDeveloper(${d.key}, row, v);`);
    } else {
      lines.push(`v = developerFieldValue(dv, s + ${d.at}, ${d.baseType}, ${d.size}, ${le});`);
      lines.push(`if (v - v === 0) b.setDeveloper(${d.key}, row, v);`);
    }
  }
  // The timestamp field's raw value, NaN when invalid or absent.
  const ts: string[] = [];
  if (plan.tsAt >= 0 && READABLE.has(plan.tsType)) {
    ts.push(tsStep >= 0 ? 'v = ts;' : `v = ${elementExpr(plan.tsType, plan.tsAt, le)};`);
    const invalid = INVALID[plan.tsType];
    if (invalid !== undefined) ts.push(`if (v === ${literal(invalid)}) v = NaN;`);
  } else ts.push('v = NaN;');
  const body = lines.join('\n');
  if (tsStep >= 0) locals.push('ts = 0');
  const localDecl = locals.map((l) => `, ${l}`).join('');
  // The columns are loaded once per call: no column is replaced while a run is read.
  const columnLoads = [...written].map((col) => `const c${col} = cols[${col}];`).join('\n');
  const source = `
return [
  function readRecord(u, dv, s, row, cols, acc, b) {
    let v = 0, r = 0${localDecl};
    ${columnLoads}
    ${body}
    ${ts.join('\n')}
    return v;
  },
  function readRun(u, dv, p, end, row, cap, cols, acc, out, size, skip, b) {
    const h = u[p];
    let v = 0, r = 0, t = NaN, skipped = 0, k = 0, z = 0${localDecl};
    ${columnLoads}
    for (;;) {
      const s = p + 1;
      ${body}
      ${ts.join('\n')}
      if (v === v) t = v;
      row++;
      p = s + size;
      for (k = u[p]; k !== h && p < end; k = u[p]) {
        z = skip[k];
        if (z === 0 || p + (z >> 1) > end) break;
        skipped += z & 1;
        p += z >> 1;
      }
      if (k !== h || p + size + 1 > end || row >= cap) break;
    }
    out[0] = t;
    out[1] = row;
    out[2] = skipped;
    return p;
  },
];`;
  // Definitions that differ only in fields no column takes share their code, already optimised.
  let made = madeBySource.get(source);
  if (made === undefined || plan.multi.length > 0) {
    // The body is made only of numbers and offsets from the plan, never of bytes from the file.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const make = new Function('multiValue', 'multi', 'flushPending', 'developerFieldValue', source) as (
      f: typeof multiValue,
      multi: readonly MultiCode[],
      flush: typeof flushPending,
      developer: typeof developerFieldValue,
    ) => [RecordReader, RecordRunReader];
    made = make(multiValue, plan.multi, flushPending, developerFieldValue);
    if (plan.multi.length === 0) {
      if (madeBySource.size >= MADE_LIMIT) madeBySource.clear();
      madeBySource.set(source, made);
    }
  }
  const [read, readRun] = made;
  let mask = 0;
  for (const col of written) mask |= 1 << col;
  return { read, readRun, columns: Int32Array.from(written), mask };
}

/** The largest value of each unsigned integer base type (the types whose elements are never negative). */
const UNSIGNED_MAX: readonly (number | undefined)[] = [
  0xff,
  undefined,
  0xff,
  undefined,
  0xffff,
  undefined,
  0xffffffff,
  undefined,
  undefined,
  undefined,
  0xff,
  0xffff,
  0xffffffff,
  0xff,
];

/**
 * True when expansion `e` gives its column exactly the value `step` gives its own, so the code
 * can copy it: the same bytes, scale and offset, a mask that keeps every bit, the same invalid
 * raw values, and a target whose scale and offset take the value back to its raw value, which
 * never meets the target's invalid value (speed → enhanced speed, altitude → enhanced altitude).
 */
function sameAsStep(e: ExpansionCode, step: StepCode): boolean {
  const max = UNSIGNED_MAX[e.baseType];
  const invalid = INVALID[e.baseType];
  return (
    max !== undefined &&
    invalid !== undefined &&
    step.at === e.at &&
    step.baseType === e.baseType &&
    step.scale === e.scale &&
    Object.is(step.offset, e.offset) &&
    Number.isFinite(e.scale) &&
    e.scale !== 0 &&
    Number.isFinite(e.offset) &&
    e.mask >= max &&
    invalidOfElement(e.baseType) === invalid &&
    (e.profileInvalid === invalid || !(e.profileInvalid >= 0 && e.profileInvalid <= max)) &&
    e.targetScale === e.scale &&
    Object.is(e.targetOffset, e.offset) &&
    !(e.targetInvalid >= -1 && e.targetInvalid <= max + 1)
  );
}

/** The invalid value `BASE_TYPES` gives an element read by `readElement` (expansions compare to it). */
function invalidOfElement(baseType: number): number {
  return BASE_TYPES[baseType]?.invalid ?? NaN;
}
