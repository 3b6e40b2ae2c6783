import type { FitRecords, RecordFieldName } from './decoded-fit.ts';
import { recordFieldNames } from './decoded-fit.ts';

interface DeveloperColumn {
  values: Float64Array;
  filled: number;
}

const NO_COLUMNS = new Int32Array(0);

function hasValue(c: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (c[i] === c[i]) return true;
  return false;
}

/**
 * One empty slot per record field. Pushed one by one, so that the array has the same elements
 * kind whichever tier of V8 runs this: `Array.prototype.map` gives a packed array in the
 * interpreter but a holey one once optimised, and the compiled record code, optimised for one,
 * was thrown back to unoptimised code by every builder made with the other.
 */
function noColumns(): (Float64Array | undefined)[] {
  const columns: (Float64Array | undefined)[] = [];
  for (let i = 0; i < recordFieldNames.length; i++) columns.push(undefined);
  return columns;
}

/** A NaN-filled column of `capacity` values. */
function nanColumn(capacity: number): Float64Array {
  return new Float64Array(capacity).fill(NaN);
}

/**
 * Collects record values into columns without an object per record. A column is created the
 * first time a field has a valid value; columns grow by doubling and `finish` trims them to the
 * record count. Columns are indexed by their position in `recordFieldNames`, which is what a
 * compiled read plan stores.
 *
 * Rows no value was written to read NaN. Columns are not filled with NaN up front: each column
 * remembers up to which row it has been written (`filled`), and a write that skips rows, a
 * `finish` or a resize fills just the skipped rows, so every value is written once and the
 * capacity a reader reserves beyond the records it finds is never touched.
 */
export class RecordColumnsBuilder {
  length = 0;
  private capacity: number;
  private readonly columns: (Float64Array | undefined)[] = noColumns();
  private readonly filled = new Int32Array(recordFieldNames.length);
  private readonly developer = new Map<number, DeveloperColumn>();
  /** The developer columns by key (keys are small: descriptions numbered in the file). */
  private readonly developerByKey: (DeveloperColumn | undefined)[] = [];
  /** 1 for the columns a compiled reader currently writes in every row (see `beginDirect`). */
  private readonly direct = new Uint8Array(recordFieldNames.length);
  private directColumns: Int32Array = NO_COLUMNS;
  /** Bit `field` set for each column of `directColumns`. */
  private directMask = 0;
  /** 1 for columns written directly at some time: they may hold no value at all. */
  private readonly wasDirect = new Uint8Array(recordFieldNames.length);

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
  }

  /** Rows the columns hold without growing. */
  get rowCapacity(): number {
    return this.capacity;
  }

  /**
   * Takes the rows up to `length` (at most `rowCapacity`) as added, after a compiled reader wrote
   * them: every direct column written in each, nothing in the others.
   */
  addRowsUpTo(length: number): void {
    if (length > this.capacity) throw new RangeError('rows beyond the columns capacity');
    this.length = length;
  }

  /** Starts a new record (all its values NaN until set) and returns its row. */
  addRow(): number {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    return this.length++;
  }

  /**
   * The columns by `recordFieldNames` index, for a compiled reader to write the columns it was
   * given by `beginDirect` (the array stays the same; a resize replaces its elements).
   */
  get columnArrays(): readonly (Float64Array | undefined)[] {
    return this.columns;
  }

  /**
   * From the next row on, the caller writes a value (NaN where there is none) in every row it
   * adds to each of `columns`, directly into `columnArrays`; this creates those columns and fills
   * their rows so far, until `endDirect` (or the next `beginDirect`, or `finish`). `mask` has bit
   * `field` set for each of `columns`: a column that stays direct from one call to the next needs
   * nothing done (devices that alternate two record layouts switch at every record).
   */
  beginDirect(columns: Int32Array, mask: number): void {
    const leaving = this.directMask & ~mask;
    if (leaving !== 0) this.endDirectOf(leaving);
    let entering = mask & ~this.directMask;
    const n = this.length;
    this.createColumns(entering);
    while (entering !== 0) {
      const field = 31 - Math.clz32(entering & -entering);
      entering &= entering - 1;
      const c = this.columns[field] as Float64Array;
      const from = this.filled[field] as number;
      if (n - from > 8) c.fill(NaN, from, n);
      else for (let i = from; i < n; i++) c[i] = NaN;
      this.filled[field] = n;
      this.direct[field] = 1;
      this.wasDirect[field] = 1;
    }
    this.directColumns = columns;
    this.directMask = mask;
  }

  /**
   * Creates the columns of the fields whose bits `mask` has that have none yet, all in one buffer
   * when there are several: one allocation instead of one per column (a file's first record
   * layout creates most of its columns at once). They stay columns of this one file.
   */
  private createColumns(mask: number): void {
    let missing = 0;
    for (let m = mask; m !== 0; m &= m - 1) {
      const field = 31 - Math.clz32(m & -m);
      if (this.columns[field] === undefined) missing++;
    }
    if (missing === 0) return;
    const capacity = this.capacity;
    const slab = new Float64Array(capacity * missing);
    let k = 0;
    for (let m = mask; m !== 0; m &= m - 1) {
      const field = 31 - Math.clz32(m & -m);
      if (this.columns[field] !== undefined) continue;
      this.columns[field] = missing === 1 ? slab : slab.subarray(k * capacity, (k + 1) * capacity);
      k++;
    }
  }

  /** Ends direct writes: the direct columns are written up to the last row added. */
  endDirect(): void {
    if (this.directMask !== 0) this.endDirectOf(this.directMask);
    this.directColumns = NO_COLUMNS;
    this.directMask = 0;
  }

  /** Ends direct writes to the columns whose bits `mask` has. */
  private endDirectOf(mask: number): void {
    for (let m = mask; m !== 0; m &= m - 1) {
      const field = 31 - Math.clz32(m & -m);
      this.filled[field] = this.length;
      this.direct[field] = 0;
    }
  }

  /** Sets the value of the field at `recordFieldNames` index `field` in row `row` (the last row added). */
  set(field: number, row: number, value: number): void {
    if (this.direct[field] === 1) {
      (this.columns[field] as Float64Array)[row] = value;
      return;
    }
    let c = this.columns[field];
    if (c === undefined) {
      c = new Float64Array(this.capacity);
      this.columns[field] = c;
    }
    const from = this.filled[field] as number;
    if (from < row) c.fill(NaN, from, row);
    c[row] = value;
    this.filled[field] = row + 1;
  }

  /** Makes the field's value in row `row` NaN again when it was set, leaving no column behind. */
  unset(field: number, row: number): void {
    const c = this.columns[field];
    if (this.direct[field] === 1) {
      (c as Float64Array)[row] = NaN;
      return;
    }
    if (c !== undefined && this.filled[field] === row + 1) c[row] = NaN;
  }

  /** Sets the value of developer field `key` in row `row`. */
  setDeveloper(key: number, row: number, value: number): void {
    let d = this.developerByKey[key];
    if (d === undefined) {
      d = { values: new Float64Array(this.capacity), filled: 0 };
      this.developer.set(key, d);
      // Kept packed (filled up to `key`): a holey array in some files and a packed one in others
      // would send the compiled record code that writes developer fields back to unoptimised code.
      while (this.developerByKey.length < key) this.developerByKey.push(undefined);
      this.developerByKey[key] = d;
    }
    if (d.filled < row) d.values.fill(NaN, d.filled, row);
    d.values[row] = value;
    d.filled = row + 1;
  }

  /**
   * Makes room for `rows` records in all, now and in columns created later (one copy of the
   * existing columns at most); a reader calls it with its estimate of the records to come.
   */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(rows);
  }

  private resize(capacity: number): void {
    const widen = (c: Float64Array, filled: number): Float64Array => {
      const next = new Float64Array(capacity);
      next.set(c.subarray(0, filled));
      return next;
    };
    // Direct columns are written up to the last row added.
    for (const field of this.directColumns) this.filled[field] = this.length;
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      if (c !== undefined) this.columns[i] = widen(c, this.filled[i] as number);
    }
    for (const d of this.developer.values()) d.values = widen(d.values, d.filled);
    this.capacity = capacity;
  }

  /**
   * The columns, trimmed to the records added: views of the columns when at least half of their
   * capacity is used, copies otherwise.
   */
  finish(): FitRecords {
    this.endDirect();
    const n = this.length;
    const trim = (c: Float64Array, filled: number): Float64Array => {
      if (filled < n) c.fill(NaN, filled, n);
      return c.length === n ? c : 2 * n >= c.length ? c.subarray(0, n) : c.slice(0, n);
    };
    const columns: { [K in RecordFieldName]?: Float64Array } = {};
    recordFieldNames.forEach((name, i) => {
      const c = this.columns[i];
      // A column exists only when some record has a value in it.
      if (c !== undefined && (this.wasDirect[i] === 0 || hasValue(c, this.filled[i] as number)))
        columns[name] = trim(c, this.filled[i] as number);
    });
    const developer = new Map<number, Float64Array>();
    for (const [key, d] of this.developer) developer.set(key, trim(d.values, d.filled));
    return { length: n, columns, developer };
  }
}

/** Joins the records of several segments in order; a column missing in a segment reads NaN there. */
export function concatRecords(parts: readonly FitRecords[]): FitRecords {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const n = parts.reduce((s, p) => s + p.length, 0);
  const columns: { [K in RecordFieldName]?: Float64Array } = {};
  for (const name of recordFieldNames) {
    if (!parts.some((p) => p.columns[name] !== undefined)) continue;
    const out = nanColumn(n);
    let at = 0;
    for (const p of parts) {
      const c = p.columns[name];
      if (c !== undefined) out.set(c, at);
      at += p.length;
    }
    columns[name] = out;
  }
  const developer = new Map<number, Float64Array>();
  let at = 0;
  for (const p of parts) {
    for (const [key, c] of p.developer) {
      let out = developer.get(key);
      if (out === undefined) {
        out = nanColumn(n);
        developer.set(key, out);
      }
      out.set(c, at);
    }
    at += p.length;
  }
  return { length: n, columns, developer };
}
