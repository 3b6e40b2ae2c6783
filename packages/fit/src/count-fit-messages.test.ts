import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countFitMessages, countRecordMessages } from './count-fit-messages.ts';
import { readFit } from './read-fit.ts';
import { encodeTestActivity } from './fit-test-files.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url)));

/** A FIT file of `count` one-byte records: one definition with no fields, then bare headers. */
function oneByteRecords(count: number): Uint8Array {
  const data = new Uint8Array(6 + count);
  data.set([0x40, 0, 0, 20, 0, 0]); // definition of local type 0 = record (20), no fields
  const out = new Uint8Array(14 + data.length + 2);
  const view = new DataView(out.buffer);
  out.set([14, 0x20, 0, 0]);
  view.setUint32(4, data.length, true);
  out.set([0x2e, 0x46, 0x49, 0x54], 8);
  out.set(data, 14);
  return out;
}

describe('countFitMessages', () => {
  it('counts what the decoder reads: every data message of an SDK-written file', () => {
    const bytes = encodeTestActivity({ records: 600 });
    // file_id, two timer events, 600 records, then the summary messages the helper writes.
    const decoded = readFit(bytes);
    const count = countFitMessages(bytes);
    expect(count).toBeGreaterThanOrEqual(decoded.records.length + 3);
    expect(count).toBeLessThan(decoded.records.length + 10);
  });

  it('counts a real file within a few messages of its record count', () => {
    const bytes = fixture('hilly-steady.fit');
    const records = readFit(bytes).records.length;
    expect(countFitMessages(bytes)).toBeGreaterThan(records);
    expect(countFitMessages(bytes)).toBeLessThan(records * 1.1 + 20);
  });

  it('judges one-byte records by their count and stops past the limit', () => {
    const bytes = oneByteRecords(100_000);
    expect(countFitMessages(bytes)).toBe(100_000);
    expect(countFitMessages(bytes, 1000)).toBe(1001);
  });

  it('counts chained segments together, and stops at bytes it cannot walk', () => {
    const one = oneByteRecords(10);
    const two = new Uint8Array(one.length * 2);
    two.set(one);
    two.set(one, one.length);
    expect(countFitMessages(two)).toBe(20);
    expect(countFitMessages(new Uint8Array([1, 2, 3]))).toBe(0);
    const undefinedType = oneByteRecords(3);
    undefinedType[14 + 6] = 0x05; // a data message of local type 5, never defined
    expect(countFitMessages(undefinedType)).toBe(0);
  });

  it('counts the record messages of a segment exactly, as the reader sizes its columns by them', () => {
    const bytes = fixture('hilly-steady.fit');
    const declared = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    const records = readFit(bytes).records.length;
    expect(countRecordMessages(bytes, bytes[0] ?? 14, (bytes[0] ?? 14) + declared)).toBe(records);
    expect(countRecordMessages(oneByteRecords(500), 14, 14 + 506)).toBe(500);
  });
});
