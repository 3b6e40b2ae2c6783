import { ByteReader, ByteStreamError, ByteWriter } from './byte-stream.ts';
import { readSeries, writeSeries, writeSmallSeries } from './packed-series.ts';
import { ReusedBuffer } from './reused-buffer.ts';

/**
 * A reversible, FIT-aware transform of a file's bytes, used to keep raw files small. A FIT file
 * is a run of records in a few fixed layouts (its definition messages), and a field of one
 * layout changes little from record to record: timestamps step by one, positions and distance
 * move smoothly, heart rate by a beat. So the records are split into one column per field of
 * each layout, each column is written as a packed series of its integers (`packed-series.ts`),
 * and the record headers as one more column. Definition
 * messages, file headers, CRCs and whatever the walk does not understand (a truncated tail,
 * trailing bytes) are kept verbatim, so any file comes back byte for byte.
 *
 * Layout: varint file length; varint segment count, then per segment its header, record count
 * and the verbatim bytes after its last record (varint length + bytes each); the definitions
 * (varint length, then per definition message 0 and its body, or the 1-based number of an
 * identical earlier one); the header column; one column per field of each distinct layout in
 * order of first use, each a varint (0, or how many columns back an identical one of the same
 * layout is) and, for 0, its packed series.
 */

interface Layout {
  /** Byte width of each column: 1, 2 or 4 (see `addFieldColumns`). */
  readonly widths: Uint8Array;
  readonly bigEndian: boolean;
  readonly recordSize: number;
  /** Index of this layout's first column among all columns. */
  readonly firstColumn: number;
  /** Index of this layout among all layouts. */
  readonly index: number;
}

interface Segment {
  readonly header: Uint8Array;
  readonly records: number;
  /** Bytes between the last record read and the next segment (the CRC) or the end of the file. */
  readonly gap: Uint8Array;
}

function isSegmentHeader(b: Uint8Array, at: number): boolean {
  const size = b[at];
  return (
    (size === 12 || size === 14) &&
    at + size <= b.length &&
    b[at + 8] === 0x2e && // ".FIT"
    b[at + 9] === 0x46 &&
    b[at + 10] === 0x49 &&
    b[at + 11] === 0x54
  );
}

/** Length of the definition message at `at` (header byte included), or -1 if it runs past `end`. */
function definitionLength(b: Uint8Array, at: number, end: number): number {
  if (at + 6 > end) return -1;
  let length = 6 + (b[at + 5] as number) * 3;
  if (((b[at] as number) & 0x20) !== 0) {
    if (at + length + 1 > end) return -1;
    length += 1 + (b[at + length] as number) * 3;
  }
  return at + length <= end ? length : -1;
}

/** Layouts by definition content: identical definitions share one layout and its columns. */
class LayoutTable {
  readonly layouts: Layout[] = [];
  columnCount = 0;
  private readonly byKey = new Map<string, Layout>();

  /** The layout of the definition message `message[at, at + length)`. */
  layoutOf(message: Uint8Array, at: number, length: number): Layout {
    let key = '';
    for (let i = at + 2; i < at + length; i++) key += String.fromCharCode(message[i] as number);
    const known = this.byKey.get(key);
    if (known) return known;
    const widths: number[] = [];
    let recordSize = 0;
    const fields = message[at + 5] as number;
    for (let f = 0; f < fields; f++) {
      const size = message[at + 7 + f * 3] as number;
      addFieldColumns(widths, size, elementSize(message[at + 8 + f * 3] as number));
      recordSize += size;
    }
    const devAt = at + 6 + fields * 3;
    if (((message[at] as number) & 0x20) !== 0) {
      const devFields = message[devAt] as number;
      for (let f = 0; f < devFields; f++) {
        const size = message[devAt + 2 + f * 3] as number;
        addFieldColumns(widths, size, size === 2 || size === 4 ? size : 1);
        recordSize += size;
      }
    }
    const layout: Layout = {
      widths: Uint8Array.from(widths),
      bigEndian: message[at + 2] === 1,
      recordSize,
      firstColumn: this.columnCount,
      index: this.layouts.length,
    };
    this.columnCount += widths.length;
    this.layouts.push(layout);
    this.byKey.set(key, layout);
    return layout;
  }
}

/** A column's integers: 32-bit for fields of one or two bytes, doubles for four (they reach 2^32). */
type Column = Int32Array | Float64Array;

function equal(a: Column, b: Column): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytes of one element of a FIT base type (the low five bits of the type byte). */
function elementSize(baseType: number): number {
  switch (baseType & 0x1f) {
    case 3: // sint16
    case 4: // uint16
    case 11: // uint16z
      return 2;
    case 5: // sint32
    case 6: // uint32
    case 8: // float32
    case 12: // uint32z
      return 4;
    case 9: // float64
    case 14: // sint64
    case 15: // uint64
    case 16: // uint64z
      return 8;
    default:
      return 1;
  }
}

/**
 * A field becomes one column per element (an array of five RR intervals, five uint16 columns);
 * 64-bit elements two 32-bit halves; a field whose size is not a whole number of elements (a
 * string, a damaged definition) one column per byte.
 */
function addFieldColumns(widths: number[], size: number, element: number): void {
  const width = element === 8 ? 4 : element;
  const count = size % width === 0 ? size / width : size;
  for (let i = 0; i < count; i++) widths.push(count === size ? 1 : width);
}

/** True when `bytes[a, a + length)` and `bytes[b, b + length)` hold the same bytes. */
function sameRange(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

function localType(h: number): number {
  return (h & 0x80) !== 0 ? (h >> 5) & 0x03 : h & 0x0f;
}

/**
 * The field at `offset` (of `width` bytes) of each record starting at `starts`, as integers, in
 * `into` (32-bit integers for fields of one or two bytes) or `wide` (doubles for four).
 */
function readColumn(
  bytes: Uint8Array,
  view: DataView,
  starts: readonly number[],
  offset: number,
  width: number,
  little: boolean,
  into: Int32Array,
  wide: Float64Array,
): Column {
  if (width === 1) {
    for (let r = 0; r < starts.length; r++) into[r] = bytes[(starts[r] as number) + offset] as number;
    return into;
  }
  if (width === 2) {
    for (let r = 0; r < starts.length; r++) into[r] = view.getUint16((starts[r] as number) + offset, little);
    return into;
  }
  for (let r = 0; r < starts.length; r++) wide[r] = view.getUint32((starts[r] as number) + offset, little);
  return wide;
}

/** Writes `column` as the field at `offset` (of `width` bytes) of each record starting at `starts`. */
function writeColumn(
  out: Uint8Array,
  view: DataView,
  starts: Int32Array,
  offset: number,
  width: number,
  little: boolean,
  column: Float64Array,
): void {
  if (width === 1) {
    for (let r = 0; r < starts.length; r++) out[(starts[r] as number) + offset] = column[r] as number;
  } else if (width === 2) {
    for (let r = 0; r < starts.length; r++)
      view.setUint16((starts[r] as number) + offset, column[r] as number, little);
  } else {
    for (let r = 0; r < starts.length; r++)
      view.setUint32((starts[r] as number) + offset, column[r] as number, little);
  }
}

/** The columns of the file being packed (`packFitColumns`), as integers and as doubles. */
const packedInts = new ReusedBuffer((length) => new Int32Array(length));
const packedWide = new ReusedBuffer((length) => new Float64Array(length));

/** The FIT-aware form of `bytes`, or null when they do not begin with a FIT file header. */
export function packFitColumns(bytes: Uint8Array): Uint8Array | null {
  if (!isSegmentHeader(bytes, 0)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = new LayoutTable();
  const headers: number[] = [];
  /** For each layout (by index), where the fields of each of its records start. */
  const starts: number[][] = [];
  const definitions = new ByteWriter(1024);
  const distinct = new Map<string, number>();
  const segments: Segment[] = [];
  let pos = 0;
  while (pos < bytes.length && isSegmentHeader(bytes, pos)) {
    const headerSize = bytes[pos] as number;
    const end = Math.min(bytes.length, pos + headerSize + view.getUint32(pos + 4, true));
    const local: Array<Layout | undefined> = new Array<Layout | undefined>(16);
    // Each local type's current definition: where its body is, and its number among distinct ones.
    const bodyAt = new Int32Array(16).fill(-1);
    const bodyLength = new Int32Array(16);
    const bodyNumber = new Int32Array(16);
    let p = pos + headerSize;
    let records = 0;
    while (p < end) {
      const h = bytes[p] as number;
      if ((h & 0xc0) === 0x40) {
        const length = definitionLength(bytes, p, end);
        if (length < 0) break;
        const type = h & 0x0f;
        // Some watches repeat a definition before every record: a repeat is written as a reference.
        // The same body as the local type's current one (the usual repeat) is known without a lookup.
        const at = bodyAt[type] as number;
        if (at >= 0 && bodyLength[type] === length && sameRange(bytes, at, p + 1, length - 1)) {
          definitions.varint(bodyNumber[type] as number);
        } else {
          local[type] = table.layoutOf(bytes, p, length);
          let body = '';
          for (let i = p + 1; i < p + length; i++) body += String.fromCharCode(bytes[i] as number);
          let seen = distinct.get(body);
          if (seen === undefined) {
            seen = distinct.size + 1;
            distinct.set(body, seen);
            definitions.varint(0);
            definitions.bytes(bytes.subarray(p + 1, p + length));
          } else {
            definitions.varint(seen);
          }
          bodyNumber[type] = seen;
        }
        bodyAt[type] = p + 1;
        bodyLength[type] = length;
        p += length;
      } else {
        const layout = local[localType(h)];
        if (!layout || p + 1 + layout.recordSize > end) break;
        (starts[layout.index] ??= []).push(p + 1);
        p += 1 + layout.recordSize;
      }
      headers.push(h);
      records++;
    }
    // A complete segment is followed by its CRC and maybe another segment; anything else stays as it is.
    const crcEnd = end + 2;
    const chained =
      p === end && crcEnd <= bytes.length && (crcEnd === bytes.length || isSegmentHeader(bytes, crcEnd));
    const next = chained ? crcEnd : bytes.length;
    segments.push({ header: bytes.subarray(pos, pos + headerSize), records, gap: bytes.subarray(p, next) });
    pos = next;
  }

  // Column by column: one width and byte order per loop rather than a branch per value, into
  // buffers reused from file to file (the columns of a watch run are a few MB).
  let values = 0;
  for (const layout of table.layouts) values += layout.widths.length * (starts[layout.index]?.length ?? 0);
  const ints = packedInts.get(values);
  const doubles = packedWide.get(values);
  let next = 0;
  const columns: Column[] = [];
  for (const layout of table.layouts) {
    const at = starts[layout.index] ?? [];
    let offset = 0;
    for (let c = 0; c < layout.widths.length; c++) {
      const width = layout.widths[c] as number;
      const into = ints.subarray(next, next + at.length);
      const wide = doubles.subarray(next, next + at.length);
      columns.push(readColumn(bytes, view, at, offset, width, !layout.bigEndian, into, wide));
      offset += width;
      next += at.length;
    }
  }

  const out = new ByteWriter(bytes.length / 3 + 1024);
  out.varint(bytes.length);
  out.varint(segments.length);
  for (const s of segments) {
    out.varint(s.header.length);
    out.bytes(s.header);
    out.varint(s.records);
    out.varint(s.gap.length);
    out.bytes(s.gap);
  }
  const defs = definitions.written();
  out.varint(defs.length);
  out.bytes(defs);
  writeSmallSeries(out, Int32Array.from(headers), headers.length);
  for (const layout of table.layouts) {
    const first = layout.firstColumn;
    for (let c = first; c < first + layout.widths.length; c++) {
      // Watches often write a field twice (speed and enhanced_speed, altitude and enhanced_altitude).
      const column = columns[c] as Column;
      let same = 0;
      for (let e = first; e < c && same === 0; e++) if (equal(columns[e] as Column, column)) same = c - e;
      out.varint(same);
      if (same === 0) {
        if (column instanceof Int32Array) writeSmallSeries(out, column, column.length);
        else writeSeries(out, column);
      }
    }
  }
  return out.written().slice();
}

/** The columns' values of the file being unpacked (`unpackFitColumns`). */
const columnValues = new ReusedBuffer((length) => new Float64Array(length));

/** The original bytes of a file packed by `packFitColumns`; throws `ByteStreamError` on damage. */
export function unpackFitColumns(packed: Uint8Array): Uint8Array {
  const input = new ByteReader(packed);
  const length = input.varint();
  const segmentCount = input.varint();
  const segments: Segment[] = [];
  let totalRecords = 0;
  for (let s = 0; s < segmentCount; s++) {
    const header = input.take(input.varint());
    const records = input.varint();
    const gap = input.take(input.varint());
    segments.push({ header, records, gap });
    totalRecords += records;
  }
  if (totalRecords > length) throw new ByteStreamError('more records than the file has bytes');
  const defs = new ByteReader(input.take(input.varint()));
  const headers = readSeries(input, new Float64Array(totalRecords));

  // Replay headers and definitions: the layout of every record, and how many records each layout has.
  const table = new LayoutTable();
  const messages: Uint8Array[] = [];
  const bodies: Uint8Array[] = [];
  const recordLayout = new Int32Array(totalRecords);
  // A repeated definition (the same body after the same header byte) is the same message and layout.
  const repeats = new Map<number, { message: number; layout: Layout }>();
  let r = 0;
  for (const s of segments) {
    const local: Array<Layout | undefined> = new Array<Layout | undefined>(16);
    for (let i = 0; i < s.records; i++, r++) {
      const h = headers[r] as number;
      if ((h & 0xc0) === 0x40) {
        const ref = defs.varint();
        const repeat = ref === 0 ? undefined : repeats.get(ref * 256 + h);
        if (repeat !== undefined) {
          local[h & 0x0f] = repeat.layout;
          recordLayout[r] = -repeat.message;
          continue;
        }
        let body: Uint8Array;
        if (ref === 0) {
          const start = defs.offset;
          const fields = defs.take(5)[4] as number;
          defs.take(fields * 3);
          if ((h & 0x20) !== 0) defs.take(defs.byte() * 3);
          const length = defs.offset - start;
          defs.offset = start;
          body = defs.take(length);
          bodies.push(body);
        } else {
          const earlier = bodies[ref - 1];
          if (earlier === undefined) throw new ByteStreamError('a definition refers to one not seen yet');
          body = earlier;
        }
        const message = new Uint8Array(body.length + 1);
        message[0] = h;
        message.set(body, 1);
        const layout = table.layoutOf(message, 0, message.length);
        local[h & 0x0f] = layout;
        messages.push(message);
        recordLayout[r] = -messages.length;
        repeats.set((ref === 0 ? bodies.length : ref) * 256 + h, { message: messages.length, layout });
      } else {
        const layout = local[localType(h)];
        if (!layout) throw new ByteStreamError('a record uses a layout that was never defined');
        recordLayout[r] = layout.index;
      }
    }
  }
  const perLayout = new Array<number>(table.layouts.length).fill(0);
  for (const l of recordLayout) if (l >= 0) perLayout[l] = (perLayout[l] ?? 0) + 1;
  // Every column's values in one buffer reused from file to file: the columns of a watch run are
  // a few MB, which allocated anew for each file made the garbage collector run for them.
  let values = 0;
  for (const layout of table.layouts) values += layout.widths.length * (perLayout[layout.index] ?? 0);
  if (values > length) throw new ByteStreamError('more values than the file has bytes');
  const decoded = columnValues.get(values);
  let next = 0;
  const columns: Float64Array[] = [];
  for (const layout of table.layouts) {
    for (let c = 0; c < layout.widths.length; c++) {
      const same = input.varint();
      const earlier = same === 0 ? undefined : columns[columns.length - same];
      if (same > c || (same > 0 && earlier === undefined))
        throw new ByteStreamError('a column refers to one outside its layout');
      if (earlier) {
        columns.push(earlier);
        continue;
      }
      const count = perLayout[layout.index] ?? 0;
      columns.push(readSeries(input, decoded.subarray(next, next + count)));
      next += count;
    }
  }
  if (input.remaining !== 0) throw new ByteStreamError('trailing bytes after the columns');

  // The records in order, each its header byte and where its fields go; then the fields a column
  // at a time, one width and byte order per loop as they were read.
  const out = new Uint8Array(length);
  const starts = table.layouts.map((layout) => new Int32Array(perLayout[layout.index] ?? 0));
  const used = new Int32Array(table.layouts.length);
  let at = 0;
  const put = (chunk: Uint8Array): void => {
    if (at + chunk.length > length) throw new ByteStreamError('the file is longer than it says');
    out.set(chunk, at);
    at += chunk.length;
  };
  r = 0;
  for (const s of segments) {
    put(s.header);
    for (let i = 0; i < s.records; i++, r++) {
      const l = recordLayout[r] as number;
      if (l < 0) {
        put(messages[-l - 1] as Uint8Array);
        continue;
      }
      const layout = table.layouts[l] as Layout;
      if (at + 1 + layout.recordSize > length) throw new ByteStreamError('the file is longer than it says');
      out[at++] = headers[r] as number;
      const row = used[l] as number;
      used[l] = row + 1;
      (starts[l] as Int32Array)[row] = at;
      at += layout.recordSize;
    }
    put(s.gap);
  }
  if (at !== length) throw new ByteStreamError('the file is shorter than it says');
  const view = new DataView(out.buffer);
  for (const layout of table.layouts) {
    const recordsAt = starts[layout.index] as Int32Array;
    let offset = 0;
    for (let c = 0; c < layout.widths.length; c++) {
      const width = layout.widths[c] as number;
      const column = columns[layout.firstColumn + c] as Float64Array;
      writeColumn(out, view, recordsAt, offset, width, !layout.bigEndian, column);
      offset += width;
    }
  }
  return out;
}
