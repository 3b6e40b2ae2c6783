import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RAW_ENCODINGS, RawFileCodecError, decodeRawFile, encodeRawFile } from '../src/index.ts';
import { packFitColumns, unpackFitColumns } from '../src/fit-columns.ts';

/** A small FIT file built by hand: header, one definition (timestamp u32, heart rate u8), n records, CRC. */
function tinyFit(n: number, options: { bigEndian?: boolean; redefineEach?: boolean } = {}): Uint8Array {
  const body: number[] = [];
  const definition = [0x40, 0, options.bigEndian ? 1 : 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02];
  if (options.bigEndian) [definition[3], definition[4]] = [0, 20];
  for (let i = 0; i < n; i++) {
    if (i === 0 || options.redefineEach) body.push(...definition);
    const t = 1_000_000_000 + i;
    const ts = [t & 0xff, (t >>> 8) & 0xff, (t >>> 16) & 0xff, t >>> 24];
    body.push(0x00, ...(options.bigEndian ? ts.reverse() : ts), 120 + (i % 5));
  }
  const header = [14, 0x20, 0x08, 0x08, ...u32(body.length), 0x2e, 0x46, 0x49, 0x54, 0, 0];
  return Uint8Array.from([...header, ...body, 0xab, 0xcd]);
}

function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
}

function roundTrip(bytes: Uint8Array): { encoding: number; size: number } {
  const { encoding, stored } = encodeRawFile(bytes);
  const back = decodeRawFile(stored, encoding);
  expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  return { encoding, size: stored.byteLength };
}

describe('raw file codec', () => {
  it('keeps a FIT file byte for byte in the column form, far smaller than the file', () => {
    const fit = tinyFit(3600);
    const { encoding, size } = roundTrip(fit);
    expect(encoding).toBe(RAW_ENCODINGS.fitColumns);
    expect(size).toBeLessThan(fit.byteLength / 10);
  });

  it('keeps big-endian layouts, a definition before every record, chained segments and trailing bytes', () => {
    expect(roundTrip(tinyFit(200, { bigEndian: true })).encoding).toBe(RAW_ENCODINGS.fitColumns);
    expect(roundTrip(tinyFit(200, { redefineEach: true })).encoding).toBe(RAW_ENCODINGS.fitColumns);
    const chained = Uint8Array.from([...tinyFit(50), ...tinyFit(70), 1, 2, 3]);
    expect(roundTrip(chained).encoding).toBe(RAW_ENCODINGS.fitColumns);
  });

  it('keeps truncated and damaged files exactly: a cut record, a record of an undefined type, a short CRC', () => {
    const fit = tinyFit(100);
    for (const cut of [fit.length - 1, fit.length - 3, fit.length - 7, 30, 15])
      roundTrip(fit.subarray(0, cut));
    const undefinedType = fit.slice();
    undefinedType[14 + 12 + 6 * 10] = 0x05;
    roundTrip(undefinedType);
    const lying = fit.slice();
    lying.set(u32(10_000_000), 4);
    roundTrip(lying);
  });

  it('deflates what is not a FIT file (an upload that is something else, an empty file)', () => {
    expect(roundTrip(new TextEncoder().encode('<html>not a watch file</html>')).encoding).toBe(
      RAW_ENCODINGS.deflate,
    );
    expect(roundTrip(new Uint8Array(0)).encoding).toBe(RAW_ENCODINGS.deflate);
  });

  it('round-trips random bytes behind a FIT header (what a fuzzer would send)', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >>> 16) & 0xff;
    for (let trial = 0; trial < 200; trial++) {
      const fit = tinyFit(20 + trial);
      for (let k = 0; k < 1 + (trial % 6); k++)
        fit[14 + ((random() * 131 + trial) % (fit.length - 14))] = random();
      roundTrip(fit);
    }
  });

  it('reads rows written before encodings existed (the bytes themselves)', () => {
    const fit = tinyFit(10);
    expect(decodeRawFile(fit, RAW_ENCODINGS.asIs)).toEqual(fit);
  });

  it('reads column forms deflated with the settings of earlier versions (level 1, default and run-length strategies)', () => {
    const fit = tinyFit(300, { redefineEach: true });
    const packed = packFitColumns(fit);
    expect(packed).not.toBeNull();
    for (const options of [{ level: 1 }, { level: 1, strategy: constants.Z_RLE }]) {
      const stored = new Uint8Array(deflateRawSync(packed ?? new Uint8Array(), options));
      expect(Buffer.from(decodeRawFile(stored, RAW_ENCODINGS.fitColumns)).equals(Buffer.from(fit))).toBe(
        true,
      );
    }
  });

  it('writes the column form as stored deflate blocks: no larger than the packed columns and a few bytes', () => {
    const fit = tinyFit(3600);
    const packed = packFitColumns(fit) ?? new Uint8Array();
    const { stored } = encodeRawFile(fit);
    expect(stored.byteLength).toBeLessThanOrEqual(
      packed.byteLength + 5 * Math.ceil(packed.byteLength / 65_535),
    );
  });

  it('refuses damaged stored bytes and unknown encodings with RAW_FILE_CORRUPT', () => {
    const { stored } = encodeRawFile(tinyFit(100));
    expect(() => decodeRawFile(stored.subarray(0, stored.length / 2), RAW_ENCODINGS.fitColumns)).toThrow(
      RawFileCodecError,
    );
    expect(() => decodeRawFile(stored, 9)).toThrow(/unknown encoding 9/);
    expect(() => unpackFitColumns(Uint8Array.from([200, 1, 1]))).toThrow();
  });
});
