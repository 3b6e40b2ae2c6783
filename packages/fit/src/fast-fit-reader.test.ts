import { CrcCalculator, Encoder } from '@garmin/fitsdk';
import type { Mesg } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import type { DecodedFit } from './decoded-fit.ts';
import { encodeTestActivity } from './fit-test-files.ts';
import { readFit } from './read-fit.ts';

const FIT_EPOCH_MS = 631065600000;
const T0 = 1_000_000_000 - (1_000_000_000 % 32) + 28; // low 5 bits = 28, so offsets below 28 roll over

/** Little- or big-endian bytes of an unsigned integer. */
const uint = (v: number, size: number, le: boolean): number[] => {
  const b = Array.from({ length: size }, (_, i) => Math.floor(v / 256 ** i) % 256);
  return le ? b : b.reverse();
};

/** A definition message: local type, global number, fields as [num, size, baseType]. */
function definition(local: number, global: number, fields: number[][], le: boolean): number[] {
  return [0x40 | local, 0, le ? 0 : 1, ...uint(global, 2, le), fields.length, ...fields.flat()];
}

/** A whole FIT file (14-byte header with CRC, data, file CRC) around `data`. */
function fitFile(data: readonly number[]): Uint8Array {
  const header = [14, 0x20, ...uint(2195, 2, true), ...uint(data.length, 4, true), 0x2e, 0x46, 0x49, 0x54];
  const head = new Uint8Array([...header, 0, 0]);
  const hc = CrcCalculator.calculateCRC(head, 0, 12);
  head[12] = hc & 0xff;
  head[13] = hc >> 8;
  const bytes = new Uint8Array([...head, ...data, 0, 0]);
  const crc = CrcCalculator.calculateCRC(bytes, 0, bytes.length - 2);
  bytes[bytes.length - 2] = crc & 0xff;
  bytes[bytes.length - 1] = crc >> 8;
  return bytes;
}

const FILE_ID = (le: boolean): number[] => [
  ...definition(0, 0, [[0, 1, 0x00]], le),
  0x00,
  4, // type: activity
];

/** Both readers, and the fast one must have read every segment. */
function bothReaders(bytes: Uint8Array): { fast: DecodedFit; sdk: DecodedFit } {
  const fast = readFit(bytes);
  const sdk = readFit(bytes, { readers: 'sdk' });
  expect(fast.segments.map((s) => s.reader)).toEqual(fast.segments.map(() => 'fast'));
  return { fast, sdk };
}

const col = (d: DecodedFit, name: keyof DecodedFit['records']['columns']): number[] =>
  Array.from(d.records.columns[name] ?? []);

describe('the fast FIT reader', () => {
  for (const le of [true, false]) {
    it(`reads ${le ? 'little' : 'big'}-endian records as the SDK does: scale, offset, invalid values, speed and altitude expanded over enhanced values`, () => {
      const fields = [
        [253, 4, 0x86],
        [6, 2, 0x84], // speed
        [2, 2, 0x84], // altitude
        [73, 4, 0x86], // enhanced_speed, overridden by speed's expansion where speed is valid
        [3, 1, 0x02], // heart_rate
        [5, 4, 0x86], // distance
        [1, 4, 0x85], // position_long
      ];
      const rows = [
        [T0, 3456, 2600, 9999, 141, 1234, 0x7fffffff],
        [T0 + 1, 0xffff, 0xffff, 4000, 0xff, 1534, 123456],
        [T0 + 2, 2000, 2605, 0xffffffff, 150, 0xffffffff, 0xfffffff0],
      ];
      const data = [...FILE_ID(le), ...definition(1, 20, fields, le)];
      for (const r of rows) data.push(0x01, ...r.flatMap((v, i) => uint(v, fields[i]?.[1] ?? 0, le)));
      const { fast, sdk } = bothReaders(fitFile(data));
      expect(fast).toEqual({ ...sdk, segments: fast.segments });
      expect(col(fast, 'timestamp')).toEqual([0, 1, 2].map((i) => (T0 + i) * 1000 + FIT_EPOCH_MS));
      expect(col(fast, 'speed')).toEqual([3.456, NaN, 2]);
      expect(col(fast, 'enhancedSpeed')).toEqual([3.456, 4, 2]);
      expect(col(fast, 'altitude')).toEqual([20, NaN, 21]);
      expect(col(fast, 'enhancedAltitude')).toEqual([20, NaN, 21]);
      expect(col(fast, 'heartRate')).toEqual([141, NaN, 150]);
      expect(col(fast, 'distance')).toEqual([12.34, 15.34, NaN]);
      expect(col(fast, 'positionLong')).toEqual([NaN, 123456, -16]);
      expect(fast.records.columns.cadence).toBeUndefined();
    });

    it(`resolves compressed-timestamp headers (${le ? 'little' : 'big'}-endian), which the SDK cannot read`, () => {
      const data = [
        ...FILE_ID(le),
        ...definition(
          0,
          20,
          [
            [253, 4, 0x86],
            [3, 1, 0x02],
          ],
          le,
        ),
        0x00,
        ...uint(T0, 4, le),
        120,
        ...definition(1, 20, [[3, 1, 0x02]], le),
        0x80 | (1 << 5) | 30,
        121, // offset 30 > 28: same 32-s window
        0x80 | (1 << 5) | 2,
        122, // offset 2 < 30: rolls over into the next window
      ];
      const fast = readFit(fitFile(data));
      expect(fast.segments[0]?.reader).toBe('fast');
      expect(col(fast, 'timestamp')).toEqual([T0, T0 + 2, T0 + 6].map((t) => t * 1000 + FIT_EPOCH_MS));
      expect(col(fast, 'heartRate')).toEqual([120, 121, 122]);
      expect(readFit(fitFile(data), { readers: 'sdk' }).records).toEqual(fast.records);
    });
  }

  it('expands compressed speed/distance, accumulating 12-bit distance across its rollover', () => {
    // speed 12 bits (1/100 m/s), distance 12 bits (1/16 m), packed little-endian in 3 bytes
    const csd = (speed: number, dist: number): number[] => {
      const v = speed | (dist << 12);
      return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
    };
    const data = [
      ...FILE_ID(true),
      ...definition(
        1,
        20,
        [
          [253, 4, 0x86],
          [8, 3, 0x0d],
        ],
        true,
      ),
    ];
    const steps: [number, number][] = [
      [357, 4000],
      [321, 4090],
      [299, 10], // distance wraps past 4095
      [300, 60], // 3.00 m/s: a whole number, which the SDK turns into 30 m/s of enhanced speed
    ];
    steps.forEach(([s, d], i) => data.push(0x01, ...uint(T0 + i, 4, true), ...csd(s, d)));
    const { fast, sdk } = bothReaders(fitFile(data));
    expect(col(fast, 'speed')).toEqual([3.57, 3.21, 2.99, 3]);
    expect(col(fast, 'distance')).toEqual([4000 / 16, 4090 / 16, (4096 + 10) / 16, (4096 + 60) / 16]);
    expect(col(fast, 'enhancedSpeed')).toEqual([3.57, 3.21, 2.99, 3]);
    expect(col(sdk, 'speed')).toEqual(col(fast, 'speed'));
    expect(col(sdk, 'distance')).toEqual(col(fast, 'distance'));
    expect(col(sdk, 'enhancedSpeed').slice(0, 3)).toEqual([3.57, 3.21, 2.99]);
    expect(col(sdk, 'enhancedSpeed')[3]).toBe(30);
  });

  it('keeps the records before a cut, as the SDK does', () => {
    const whole = encodeTestActivity({ records: 40 });
    for (const cut of [200, 333, 401, whole.length - 40]) {
      const { fast, sdk } = bothReaders(whole.subarray(0, cut));
      expect(fast.records.length).toBeGreaterThan(0);
      expect(fast.records).toEqual(sdk.records);
      expect(fast.segments[0]?.truncated).toBe(true);
      expect(fast.segments[0]?.error ?? 'message cut off').toMatch(/cut off/);
    }
  });

  it('reads a file whose CRC does not match, and says so only through crcOk', () => {
    const bytes = encodeTestActivity({ records: 10 });
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const { fast, sdk } = bothReaders(bytes);
    expect(fast.records).toEqual(sdk.records);
    expect(fast.segments[0]).toMatchObject({ crcOk: false, error: null });
  });

  it('keys developer fields as the SDK does, and reads each as a column', () => {
    const developerDataIdMesg = { developerDataIndex: 0, applicationId: new Array<number>(16).fill(1) };
    const fieldDescriptionMesg = {
      developerDataIndex: 0,
      fieldDefinitionNumber: 1,
      fitBaseTypeId: 0x88, // float32
      fieldName: 'Leg Spring Stiffness',
      units: 'kN/m',
    };
    const encoder = new Encoder({ fieldDescriptions: { 0: { developerDataIdMesg, fieldDescriptionMesg } } });
    const mesg = (fields: Record<string, unknown>): Mesg => fields;
    encoder.onMesg(0, mesg({ type: 'activity', manufacturer: 'development', product: 1 }));
    encoder.onMesg(207, mesg(developerDataIdMesg));
    encoder.onMesg(206, mesg(fieldDescriptionMesg));
    for (let i = 0; i < 5; i++)
      encoder.onMesg(
        20,
        mesg({ timestamp: new Date(Date.UTC(2024, 0, 1, 6, 0, i)), developerFields: { 0: 9.5 + i } }),
      );
    const { fast, sdk } = bothReaders(encoder.close());
    expect(fast).toEqual({ ...sdk, segments: fast.segments });
    expect(Array.from(fast.records.developer.get(0) ?? [])).toEqual([9.5, 10.5, 11.5, 12.5, 13.5]);
    expect(fast.fieldDescriptions[0]).toMatchObject({
      key: 0,
      fieldName: 'Leg Spring Stiffness',
      fitBaseTypeId: 0x88,
    });
  });

  it('hands a segment it does not cover to the SDK Decoder', () => {
    // A record with an unknown base type (0x1f): the SDK stops there; the fast reader declines.
    const data = [...FILE_ID(true), ...definition(1, 20, [[3, 1, 0x1f]], true), 0x01, 140];
    const decoded = readFit(fitFile(data));
    expect(decoded.segments[0]?.reader).not.toBe('fast');
    expect(decoded.fileIds[0]?.type).toBe('activity');
  });
});
