import { isFitHeaderAt } from './fit-segments.ts';

/**
 * Counts the data messages of a FIT file by walking message headers and definitions only, without
 * reading a single field: about as fast as reading the bytes. It lets a caller refuse a file that
 * holds more messages than any watch writes before decoding it (a 1 MB file of one-byte records
 * is a million messages). Stops counting as soon as the count passes `limit`, and at the first
 * thing it cannot walk (an undefined local message type, a cut-off message): the decoder judges
 * those. Chained segments are counted together.
 */
export function countFitMessages(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let count = 0;
  let offset = 0;
  while (isFitHeaderAt(bytes, offset)) {
    const headerSize = bytes[offset] ?? 12;
    const declared =
      (bytes[offset + 4] ?? 0) |
      ((bytes[offset + 5] ?? 0) << 8) |
      ((bytes[offset + 6] ?? 0) << 16) |
      ((bytes[offset + 7] ?? 0) * 0x1000000);
    const dataStart = offset + headerSize;
    // A header that declares no data (a watch that never finished the file) runs to the end.
    const dataEnd = declared > 0 ? Math.min(dataStart + declared, bytes.length) : bytes.length;
    const walked = countInSegment(bytes, dataStart, dataEnd, limit - count);
    count += walked.count;
    if (count > limit || !walked.complete || declared === 0) return count;
    offset = dataStart + declared + 2;
  }
  return count;
}

/**
 * The record messages (global message 20) in the data area `bytes[start, end)` of one segment,
 * walked as `countFitMessages` walks it: an upper bound of the records a reader finds there,
 * which it uses to size its columns once.
 */
export function countRecordMessages(bytes: Uint8Array, start: number, end: number): number {
  return countInSegment(bytes, start, end, Number.POSITIVE_INFINITY).records;
}

/**
 * `countRecordMessages`, and whether the walk went through the whole data area without meeting a
 * compressed-timestamp header: a reader that knows none follows need not track the last timestamp.
 */
export function scanRecordMessages(
  bytes: Uint8Array,
  start: number,
  end: number,
): { records: number; noCompressedTimestamps: boolean } {
  const walked = countInSegment(bytes, start, end, Number.POSITIVE_INFINITY);
  return { records: walked.records, noCompressedTimestamps: walked.complete && !walked.compressed };
}

const RECORD = 20;

function countInSegment(
  bytes: Uint8Array,
  start: number,
  end: number,
  limit: number,
): { count: number; records: number; complete: boolean; compressed: boolean } {
  const sizes = new Int32Array(16).fill(-1);
  const isRecord = new Uint8Array(16);
  let count = 0;
  let records = 0;
  let compressed = false;
  let p = start;
  while (p < end) {
    const header = bytes[p] ?? 0;
    p += 1;
    if ((header & 0x80) === 0 && (header & 0x40) !== 0) {
      // Definition: reserved, architecture, global number (2), field count, 3 bytes per field.
      if (p + 5 > end) return { count, records, complete: false, compressed };
      const global =
        bytes[p + 1] === 0
          ? (bytes[p + 2] ?? 0) | ((bytes[p + 3] ?? 0) << 8)
          : ((bytes[p + 2] ?? 0) << 8) | (bytes[p + 3] ?? 0);
      isRecord[header & 0x0f] = global === RECORD ? 1 : 0;
      const fields = bytes[p + 4] ?? 0;
      p += 5;
      let size = 0;
      for (let i = 0; i < fields; i += 1, p += 3) size += bytes[p + 1] ?? 0;
      if ((header & 0x20) !== 0) {
        const developerFields = bytes[p] ?? 0;
        p += 1;
        for (let i = 0; i < developerFields; i += 1, p += 3) size += bytes[p + 1] ?? 0;
      }
      if (p > end) return { count, records, complete: false, compressed };
      sizes[header & 0x0f] = size;
      continue;
    }
    // Data message: a normal header names the local type in its low 4 bits, a compressed-timestamp
    // header in bits 5–6.
    if ((header & 0x80) !== 0) compressed = true;
    const local = (header & 0x80) !== 0 ? (header >> 5) & 0x03 : header & 0x0f;
    const size = sizes[local] ?? -1;
    if (size < 0 || p + size > end) return { count, records, complete: false, compressed };
    p += size;
    count += 1;
    records += isRecord[local] ?? 0;
    if (count > limit) return { count, records, complete: false, compressed };
  }
  return { count, records, complete: true, compressed };
}
