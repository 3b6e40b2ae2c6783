import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { FIT_EPOCH_S } from './activity-metadata.ts';
import { readFitRecords } from './fit-record-reader.ts';
import { encodeTestActivity } from './fit-test-files.ts';

const BASE = 1_000_000_000 - (1_000_000_000 % 32) + 28; // low 5 bits = 28, so offsets below 28 roll over

/** A record-layer byte string: a full-timestamp record, then compressed-timestamp records. */
function compressedRecords(littleEndian: boolean): Uint8Array {
  const u16 = (v: number) => (littleEndian ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
  const u32 = (v: number) => {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
    return littleEndian ? b : b.reverse();
  };
  const arch = littleEndian ? 0 : 1;
  return new Uint8Array([
    // local 0: record with timestamp (253, uint32) and heart_rate (3, uint8)
    0x40,
    0,
    arch,
    ...u16(20),
    2,
    253,
    4,
    0x86,
    3,
    1,
    0x02,
    0x00,
    ...u32(BASE),
    120,
    // local 1: record with heart_rate only, used with compressed headers
    0x41,
    0,
    arch,
    ...u16(20),
    1,
    3,
    1,
    0x02,
    0x80 | (1 << 5) | 30,
    121, // offset 30 > 28: same 32-s window
    0x80 | (1 << 5) | 2,
    122, // offset 2 < 30: rolls over into the next window
    0x80 | (1 << 5) | 2,
    123, // same offset again: same timestamp
  ]);
}

describe('readFitRecords', () => {
  for (const le of [true, false]) {
    it(`resolves compressed timestamps (${le ? 'little' : 'big'}-endian definitions)`, () => {
      const bytes = compressedRecords(le);
      const { messages, error, compressedTimestampMessages } = readFitRecords(bytes, 0, bytes.length);
      expect(error).toBeNull();
      expect(compressedTimestampMessages).toBe(3);
      const records = messages.recordMesgs ?? [];
      const secs = records.map((r) => (r.timestamp as Date).getTime() / 1000 - FIT_EPOCH_S);
      expect(secs).toEqual([BASE, BASE + 2, BASE + 6, BASE + 6]);
      expect(records.map((r) => r.heartRate)).toEqual([120, 121, 122, 123]);
    });
  }

  it('stops at a cut-off message and keeps what came before', () => {
    const bytes = compressedRecords(true);
    const { messages, error } = readFitRecords(bytes, 0, bytes.length - 1);
    expect(error).toMatch(/cut off/);
    expect(messages.recordMesgs).toHaveLength(3);
  });

  it('reports a data message without a definition', () => {
    const { error } = readFitRecords(new Uint8Array([0x03, 1, 2]), 0, 3);
    expect(error).toMatch(/undefined local message type 3/);
  });

  it('reads SDK-encoded files exactly as the SDK does', () => {
    const bytes = encodeTestActivity({ records: 20 });
    const sdk = new Decoder(Stream.fromByteArray(bytes)).read();
    const own = readFitRecords(bytes, bytes[0] ?? 14, bytes.length - 2);
    expect(own.error).toBeNull();
    expect(own.messages.recordMesgs).toEqual(sdk.messages.recordMesgs);
    expect(own.messages.sessionMesgs?.[0]?.sport).toBe('running');
  });
});
