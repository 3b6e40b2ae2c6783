import type { FitRecords, RecordFieldName } from './decoded-fit.ts';
import { recordFieldNames } from './decoded-fit.ts';

/** A NaN-filled column of `capacity` values. */
function nanColumn(capacity: number): Float64Array {
  return new Float64Array(capacity).fill(NaN);
}

/**
 * Collects record values into columns without an object per record. Columns are created the
 * first time a field has a value (earlier rows read NaN) and grow by doubling; `finish` trims
 * them to the record count. Columns are indexed by their position in `recordFieldNames`, which is
 * what a compiled read plan stores.
 */
export class RecordColumnsBuilder {
  length = 0;
  private capacity: number;
  private readonly columns: (Float64Array | undefined)[] = recordFieldNames.map(() => undefined);
  private readonly developer = new Map<number, Float64Array>();

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
  }

  /** Starts a new record (all its values NaN until set) and returns its row. */
  addRow(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  /** The column at `recordFieldNames` index `field`, created on first use. */
  column(field: number): Float64Array {
    const existing = this.columns[field];
    if (existing !== undefined) return existing;
    const created = nanColumn(this.capacity);
    this.columns[field] = created;
    return created;
  }

  /** True when the column at `recordFieldNames` index `field` has been created. */
  hasColumn(field: number): boolean {
    return this.columns[field] !== undefined;
  }

  /** The column of developer field `key`, created on first use. */
  developerColumn(key: number): Float64Array {
    const existing = this.developer.get(key);
    if (existing !== undefined) return existing;
    const created = nanColumn(this.capacity);
    this.developer.set(key, created);
    return created;
  }

  /**
   * Makes room for `rows` records in all, now and in columns created later (one copy of the
   * existing columns at most); a reader calls it with its estimate of the records to come.
   */
  reserve(rows: number): void {
    if (rows <= this.capacity) {
      if (this.length === 0 && !this.hasAnyColumn()) this.capacity = Math.max(16, rows);
      return;
    }
    this.resize(rows);
  }

  private hasAnyColumn(): boolean {
    return this.developer.size > 0 || this.columns.some((c) => c !== undefined);
  }

  private grow(): void {
    this.resize(this.capacity * 2);
  }

  private resize(capacity: number): void {
    const widen = (c: Float64Array): Float64Array => {
      const next = nanColumn(capacity);
      next.set(c.subarray(0, this.length));
      return next;
    };
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      if (c !== undefined) this.columns[i] = widen(c);
    }
    for (const [key, c] of this.developer) this.developer.set(key, widen(c));
    this.capacity = capacity;
  }

  /**
   * The columns, trimmed to the records added: views of the columns when at least half of their
   * capacity is used, copies otherwise.
   */
  finish(): FitRecords {
    const n = this.length;
    const trim = (c: Float64Array): Float64Array =>
      c.length === n ? c : 2 * n >= c.length ? c.subarray(0, n) : c.slice(0, n);
    const columns: { [K in RecordFieldName]?: Float64Array } = {};
    recordFieldNames.forEach((name, i) => {
      const c = this.columns[i];
      if (c !== undefined) columns[name] = trim(c);
    });
    const developer = new Map<number, Float64Array>();
    for (const [key, c] of this.developer) developer.set(key, trim(c));
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
